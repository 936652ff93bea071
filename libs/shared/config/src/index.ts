export { fileContents, flag, integer, list, oneOf, pairs, readConfig, text, url } from './settings';
export type { ConfigValues, Setting } from './settings';
