export { integer, list, pairs, readConfig, text, url } from './settings';
export type { ConfigValues, Setting } from './settings';
