export { Neighbourhood } from './relationship-detector';
export type { NeighbourhoodSnapshot } from './relationship-detector';
export type {
  PatternSighting,
  Relationship,
  RelationshipChange,
  RelationshipKind,
} from './relationship';
export type { KnownPattern } from './rules';
