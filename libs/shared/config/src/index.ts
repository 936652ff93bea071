export { integer, list, pairs, readConfig, text, url } from './settings';
export type { Setting } from './settings';
