export { runService } from './run-service';
export type {
  RunningStage,
  ServiceComposition,
  ServiceConfig,
  ServiceContext,
} from './run-service';
