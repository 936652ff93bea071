import type { Notifiable } from './notifiable';
import type { Condition, Severity, Subscription } from './subscription';

/** A subscription matched an event: what to say, and the key it is deduplicated by. */
export interface Match {
  readonly dedupKey: string;
  readonly severity: Severity;
  readonly title: string;
  readonly body: string;
  readonly regionId: string | null;
  readonly strength: number;
}

/** The first condition of the subscription that the event meets, as a notification; or none. */
export function matchSubscription(
  subscription: Subscription,
  event: Notifiable,
): Match | undefined {
  const regions = event.on === 'relationship' ? event.regionIds : [event.regionId];
  if (
    subscription.regionIds.length > 0 &&
    !regions.some((id) => subscription.regionIds.includes(id))
  ) {
    return undefined;
  }
  for (const condition of subscription.conditions) {
    const match = meets(condition, event);
    if (match) return match;
  }
  return undefined;
}

function meets(condition: Condition, event: Notifiable): Match | undefined {
  if (condition.on === 'pattern' && event.on === 'pattern') {
    if (condition.kinds && !condition.kinds.includes(event.kind)) return undefined;
    if (condition.phases && !condition.phases.includes(event.phase)) return undefined;
    if (condition.metrics && !event.metrics.some((metric) => condition.metrics!.includes(metric)))
      return undefined;
    if (event.phase === 'DISSOLVED' && !condition.phases?.includes('DISSOLVED')) return undefined;
    if (event.strength < (condition.minStrength ?? 0)) return undefined;
    const what = `${label(event.kind)} of ${event.metrics.map(label).join(' and ') || 'a known pattern'}`;
    return {
      dedupKey: `pattern:${event.patternId}`,
      severity: severityOf(event.strength),
      title: `${what} in ${event.regionId}`,
      body: `${what} in ${event.regionId} is ${label(event.phase)} at strength ${event.strength.toFixed(2)}.`,
      regionId: event.regionId,
      strength: event.strength,
    };
  }
  if (condition.on === 'field-state' && event.on === 'field-state') {
    const score = event.scores[condition.dimension] ?? 0;
    if (score < condition.minScore) return undefined;
    return {
      dedupKey: `field-state:${event.regionId}:${condition.dimension}`,
      severity: severityOf(score),
      title: `${label(condition.dimension)} in ${event.regionId} at ${score.toFixed(2)}`,
      body: `The field state of ${event.regionId} (version ${event.version}) scores ${label(condition.dimension)} at ${score.toFixed(2)}, at or above ${condition.minScore}.`,
      regionId: event.regionId,
      strength: score,
    };
  }
  if (condition.on === 'relationship' && event.on === 'relationship') {
    // News is a relationship forming; its later changes are not notified.
    if (!event.formed) return undefined;
    if (condition.kinds && !condition.kinds.includes(event.kind)) return undefined;
    if (event.strength < (condition.minStrength ?? 0)) return undefined;
    const regions = [...new Set(event.regionIds)].sort();
    const where = regions.join(' and ');
    return {
      // Several pattern pairs may show one situation (heat and drought amplifying each other
      // between two regions); it is notified once per dedup window.
      dedupKey: `relationship:${event.kind}:${regions.join('+')}`,
      severity: severityOf(event.strength),
      title: `${label(event.kind)} between patterns in ${where}`,
      body: `Patterns in ${where} ${event.kind === 'AMPLIFIES' ? 'amplify each other' : label(event.kind)} (strength ${event.strength.toFixed(2)}).`,
      regionId: event.regionIds[0] ?? null,
      strength: event.strength,
    };
  }
  return undefined;
}

export function severityOf(strength: number): Severity {
  if (strength >= 0.8) return 'CRITICAL';
  if (strength >= 0.5) return 'WARNING';
  return 'INFO';
}

function label(symbol: string): string {
  return symbol.toLowerCase().replace(/_/g, ' ');
}
