import type { PatternSighting, Relationship, RelationshipChange } from './relationship';
import { precedesWithinMs, relate, round, type KnownPattern, type Verdict } from './rules';

/** Everything one neighbourhood remembers, as plain data (for a checkpoint). */
export interface NeighbourhoodSnapshot {
  readonly anchorRegionId: string;
  readonly now: number;
  readonly patterns: readonly KnownPattern[];
  readonly relationships: readonly Relationship[];
}

/** A relationship must move this much before a RelationshipChanged is emitted. */
const strengthStep = 0.15;

/**
 * Relates the patterns of one region (the anchor) with each other and with those of its
 * neighbours. Each neighbourhood sees a pattern of a region next to it as well, so a pair of
 * regions is seen by both; only the neighbourhood anchored at the first of the two (by id)
 * speaks for the pair, so every relationship is formed once. Event time is the only clock.
 */
export class Neighbourhood {
  private readonly patterns = new Map<string, KnownPattern>();
  private readonly relationships = new Map<string, Relationship>();
  private now = 0;

  constructor(
    readonly anchorRegionId: string,
    snapshot?: NeighbourhoodSnapshot,
  ) {
    if (!snapshot) return;
    this.now = snapshot.now;
    for (const pattern of snapshot.patterns) this.patterns.set(pattern.patternId, pattern);
    for (const relationship of snapshot.relationships)
      this.relationships.set(relationship.pairId, relationship);
  }

  sight(sighting: PatternSighting): RelationshipChange[] {
    if (sighting.kind === 'CO_OCCURRENCE') return [];
    this.now = Math.max(this.now, sighting.at);
    const known = this.patterns.get(sighting.patternId);
    const metric = sighting.metrics?.[0] ?? known?.metric;
    if (!metric) return [];
    if (known?.dissolvedAt != null) return [];
    const pattern: KnownPattern = {
      patternId: sighting.patternId,
      regionId: sighting.regionId,
      metric,
      strength: sighting.dissolved ? (known?.strength ?? sighting.strength) : sighting.strength,
      startedAt: known?.startedAt ?? sighting.at,
      dissolvedAt: sighting.dissolved ? sighting.at : null,
    };
    this.patterns.set(pattern.patternId, pattern);
    const changes: RelationshipChange[] = [];
    for (const other of this.patterns.values()) {
      if (other.patternId === pattern.patternId || !this.speaksFor(pattern, other)) continue;
      changes.push(...this.reassess(pattern, other, sighting.at));
    }
    this.forgetOld();
    return changes;
  }

  snapshot(): NeighbourhoodSnapshot {
    return {
      anchorRegionId: this.anchorRegionId,
      now: this.now,
      patterns: [...this.patterns.values()],
      relationships: [...this.relationships.values()],
    };
  }

  private speaksFor(a: KnownPattern, b: KnownPattern): boolean {
    const first = a.regionId < b.regionId ? a.regionId : b.regionId;
    return first === this.anchorRegionId;
  }

  private reassess(pattern: KnownPattern, other: KnownPattern, at: number): RelationshipChange[] {
    const pairId = [pattern.patternId, other.patternId].sort().join(':');
    const existing = this.relationships.get(pairId);
    const verdict = relate(pattern, other);
    const oneEnded = pattern.dissolvedAt !== null || other.dissolvedAt !== null;
    if (!existing) return verdict ? this.form(pairId, verdict, at, oneEnded) : [];
    // That one pattern followed another stays true.
    if (existing.kind === 'PRECEDES') return [];
    // A dissolution that arrived after the other pattern's detection (they come from different
    // partitions) can show the two were never alive together: the relationship formed on what
    // was known then never held. It ends (if it has not yet), and what did hold, one following
    // the other, forms in its place, as of the later one's start, as it would have in order.
    if (verdict?.kind === 'PRECEDES') {
      const ended = existing.ended ? [] : [this.end(existing, Math.max(at, existing.formedAt))];
      return [...ended, ...this.form(pairId, verdict, verdict.target.startedAt, false)];
    }
    // Only live relationships change or end.
    if (existing.ended) return [];
    if (oneEnded) return [this.end(existing, at)];
    if (!verdict || verdict.kind !== existing.kind) return [];
    if (Math.abs(verdict.strength - existing.strength) < strengthStep) return [];
    const changed = { ...existing, strength: round(verdict.strength) };
    this.relationships.set(pairId, changed);
    return [
      {
        type: 'changed',
        relationship: changed,
        previousStrength: existing.strength,
        dissolved: false,
        at,
      },
    ];
  }

  private form(pairId: string, verdict: Verdict, at: number, oneEnded: boolean) {
    const formed: Relationship = {
      pairId,
      kind: verdict.kind,
      sourcePatternId: verdict.source.patternId,
      targetPatternId: verdict.target.patternId,
      sourceRegionId: verdict.source.regionId,
      targetRegionId: verdict.target.regionId,
      strength: verdict.strength,
      lagMillis: verdict.lagMillis,
      formedAt: at,
      ended: false,
    };
    this.relationships.set(pairId, formed);
    const changes: RelationshipChange[] = [{ type: 'formed', relationship: formed }];
    // Learnt late (the other pattern had already ended): formed and over at once.
    if (verdict.kind !== 'PRECEDES' && oneEnded) changes.push(this.end(formed, at));
    return changes;
  }

  private end(relationship: Relationship, at: number): RelationshipChange {
    this.relationships.set(relationship.pairId, { ...relationship, ended: true });
    return {
      type: 'changed',
      relationship: { ...relationship, strength: 0, ended: true },
      previousStrength: relationship.strength,
      dissolved: true,
      at,
    };
  }

  /** Dissolved patterns are kept as long as a later one could still follow them. */
  private forgetOld(): void {
    for (const [id, pattern] of this.patterns) {
      if (pattern.dissolvedAt !== null && this.now - pattern.dissolvedAt > precedesWithinMs) {
        this.patterns.delete(id);
        for (const [pairId, relationship] of this.relationships) {
          if (relationship.sourcePatternId === id || relationship.targetPatternId === id)
            this.relationships.delete(pairId);
        }
      }
    }
  }
}
