export { metricNamed, metricNames, metricProfiles, severityAboveHazard, clamp01 } from './metrics';
export type { MetricName, MetricProfile } from './metrics';
export type { FieldProblem, Observation, Parsed } from './observation';
export { kindOf, observationLimits, parseObservation } from './parse-observation';
export type { ParseContext } from './parse-observation';
export { areNeighbours, gridCellOf, gridRegionId, neighboursOf } from './regions';
export type { GridCell } from './regions';
export { SampleObservations } from './sample-data';
export type { Incident, SampleDataOptions } from './sample-data';
