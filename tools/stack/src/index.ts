export { createStack } from './stack';
export type { Stack, StackOptions } from './stack';
export type { StackEndpoints } from './endpoints';
export { endpointEnvironment } from './endpoints';
export type { ComponentName, ComponentStatus } from './component';
export { componentNames, isComponentName } from './component';
export { StackError } from './errors';
export { silentProgress, consoleProgress } from './progress';
export type { Progress } from './progress';
export { readPinnedVersions } from './artifacts';
export { ensureKafkaJars } from './artifacts';
export { findJava } from './prerequisites';
export {
  freePort,
  pipelineApps,
  runCli,
  ServiceProcess,
  spawnEntry,
  type PipelineApp,
} from './service-process';
export { isolatedEnvironment } from './isolated-environment';
export { deleteTopicsWithPrefix } from './delete-topics';
export type { IsolatedEnvironment } from './isolated-environment';
export { workspaceApps } from './commands/apps';
export type { WorkspaceApp } from './commands/apps';
export { localSaslUser } from './components/kafka';
export { runCommand, runProcess } from './command';
export type { CommandOptions, ProcessResult } from './command';
