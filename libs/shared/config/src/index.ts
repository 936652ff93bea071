export {
  fileContents,
  flag,
  integer,
  invalidConfiguration,
  list,
  oneOf,
  pairs,
  readConfig,
  text,
  url,
} from './settings';
export type { ConfigValues, Setting } from './settings';
