/**
 * The resource a service's telemetry describes: who emits it and where it runs. Kubernetes
 * names come from the Downward API variables the Helm chart sets; OTEL_RESOURCE_ATTRIBUTES and
 * OTEL_SERVICE_NAME are merged over these by the SDK, so an operator has the last word.
 */
export function resourceAttributes(
  service: { readonly name: string; readonly version: string },
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  const attributes: Record<string, string> = {
    'service.name': service.name,
    'service.namespace': 'fieldline',
    'service.version': service.version,
    'deployment.environment.name': env['FIELDLINE_ENVIRONMENT'] || 'development',
  };
  const fromEnv: Record<string, string | undefined> = {
    'k8s.pod.name': env['K8S_POD_NAME'],
    'k8s.pod.uid': env['K8S_POD_UID'],
    'k8s.namespace.name': env['K8S_NAMESPACE_NAME'],
    'k8s.node.name': env['K8S_NODE_NAME'],
    'service.instance.id': env['K8S_POD_NAME'],
  };
  for (const [name, value] of Object.entries(fromEnv)) if (value) attributes[name] = value;
  return attributes;
}
