import type { CompatibilityLevel } from '@fieldline/contracts';

/** Direct calls to the registry's Confluent REST API, for what the client library does not expose. */
const contentType = 'application/vnd.schemaregistry.v1+json';

export async function setSubjectCompatibility(
  registryUrl: string,
  subject: string,
  compatibility: CompatibilityLevel,
): Promise<void> {
  const response = await fetch(`${registryUrl}/config/${encodeURIComponent(subject)}`, {
    method: 'PUT',
    headers: { 'Content-Type': contentType },
    body: JSON.stringify({ compatibility }),
  });
  if (!response.ok) {
    throw new Error(
      `PUT /config/${subject} failed: HTTP ${response.status} ${await response.text()}`,
    );
  }
}

export async function registerRaw(
  registryUrl: string,
  subject: string,
  schema: object,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: JSON.stringify({ schemaType: 'AVRO', schema: JSON.stringify(schema) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
