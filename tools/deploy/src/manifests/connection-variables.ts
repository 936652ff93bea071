import { connectionSettings } from '@fieldline/platform-kafka';
import type { Manifest } from './manifest';

const connectionVariable = /^(KAFKA_|SCHEMA_REGISTRY_|FIELDLINE_NAMESPACE)/;

/**
 * Kafka, registry and namespace variables a pod sets that the apps do not read (a typo, or a
 * setting the runtime lost): `<kind>/<name>: <variable>` for each.
 */
export function unreadConnectionVariables(pods: readonly Manifest[]): string[] {
  const read = new Set(Object.values(connectionSettings()).map((setting) => setting.variable));
  return pods.flatMap((pod) =>
    (pod.spec.template.spec.containers as { env?: { name: string }[] }[])
      .flatMap((container) => container.env ?? [])
      .map((env) => env.name)
      .filter((variable) => connectionVariable.test(variable) && !read.has(variable))
      .map((variable) => `${pod.kind}/${pod.metadata.name}: ${variable}`),
  );
}
