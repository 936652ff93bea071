import type { StackLayout } from './layout';
import type { Progress } from './progress';
import type { StackSettings } from './settings';

/** What every component needs to install, start, probe and stop itself. */
export interface StackContext {
  readonly settings: StackSettings;
  readonly layout: StackLayout;
  readonly progress: Progress;
}
