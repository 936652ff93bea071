/** Raw registration, for tests that assert the registry's own HTTP answers. */
const contentType = 'application/vnd.schemaregistry.v1+json';

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
