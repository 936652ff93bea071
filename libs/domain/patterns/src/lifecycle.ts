import type { MetricName } from '@fieldline/domain-observations';
import type { PatternChange, PatternKind, PatternState } from './pattern';
import type { DetectorSettings } from './settings';
import type { Signal } from './signals';

/** A pattern that has appeared and not dissolved, with when its signal was last seen. */
export interface ActivePattern extends PatternState {
  readonly lastSeenAt: number;
}

export interface PatternSubject {
  readonly regionId: string;
  readonly kind: PatternKind;
  readonly metrics: readonly MetricName[];
}

export interface Step {
  readonly active: ActivePattern | undefined;
  readonly change?: PatternChange;
}

/**
 * Moves one pattern through EMERGING -> STRENGTHENING / WEAKENING -> DISSOLVED. A change is
 * emitted only when the strength moved a whole step from what was last emitted, or the signal
 * has been gone for the quiet period, so a noisy signal never floods downstream.
 */
export function advance(
  subject: PatternSubject,
  active: ActivePattern | undefined,
  signal: Signal | undefined,
  at: number,
  settings: DetectorSettings,
): Step {
  if (!active) {
    if (!signal) return { active };
    const detected: ActivePattern = {
      // Where and when it appeared: a pattern that dissolves and forms again is a new one.
      patternId: `${subjectKey(subject)}@${at}`,
      ...subject,
      phase: 'EMERGING',
      strength: signal.strength,
      confidence: signal.confidence,
      window: { start: signal.windowStart, end: at + 1 },
      evidenceIds: evidenceIds(signal, settings),
      seq: 0,
      lastSeenAt: at,
    };
    return { active: detected, change: { type: 'detected', pattern: stateOf(detected) } };
  }
  if (!signal) {
    if (at - active.lastSeenAt < settings.quietMs) return { active };
    const dissolved = { ...active, phase: 'DISSOLVED' as const, seq: active.seq + 1 };
    return {
      active: undefined,
      change: {
        type: 'evolved',
        pattern: stateOf({ ...dissolved, window: { start: active.window.start, end: at + 1 } }),
        previousPhase: active.phase,
      },
    };
  }
  const seen = { ...active, lastSeenAt: Math.max(active.lastSeenAt, at) };
  const moved = signal.strength - active.strength;
  if (Math.abs(moved) < settings.strengthStep) return { active: seen };
  const evolved: ActivePattern = {
    ...seen,
    phase: moved > 0 ? 'STRENGTHENING' : 'WEAKENING',
    strength: signal.strength,
    confidence: signal.confidence,
    window: { start: signal.windowStart, end: at + 1 },
    evidenceIds: evidenceIds(signal, settings),
    seq: active.seq + 1,
  };
  return {
    active: evolved,
    change: { type: 'evolved', pattern: stateOf(evolved), previousPhase: active.phase },
  };
}

export function subjectKey(subject: PatternSubject): string {
  return `${subject.regionId}/${subject.kind}/${subject.metrics.join('+')}`;
}

function stateOf(active: ActivePattern): PatternState {
  const { lastSeenAt: _lastSeenAt, ...state } = active;
  return state;
}

function evidenceIds(signal: Signal, settings: DetectorSettings): string[] {
  return signal.evidenceIds.slice(-settings.maxEvidence);
}
