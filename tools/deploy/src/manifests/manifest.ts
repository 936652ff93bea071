import { parseAllDocuments } from 'yaml';

/** One Kubernetes object as rendered: enough shape to find and inspect it. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- checked per kind by the tests
  readonly [field: string]: unknown;
}

export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: Record<string, Record<string, string>>;
}

export interface Container {
  readonly name: string;
  readonly env?: EnvVar[];
  readonly volumeMounts?: { name: string; mountPath: string }[];
  readonly securityContext?: object;
  readonly [field: string]: unknown;
}

export interface PodSpec {
  readonly containers: Container[];
  readonly volumes?: { name: string; secret?: { secretName: string } }[];
  readonly securityContext?: object;
  readonly automountServiceAccountToken?: boolean;
}

/** The pod template's spec of a Deployment or Job. */
export function podSpecOf(manifest: Manifest | undefined): PodSpec | undefined {
  return manifest?.spec?.template?.spec as PodSpec | undefined;
}

/** Every object in a multi-document YAML stream, skipping empty documents. */
export function parseManifests(yaml: string): Manifest[] {
  return parseAllDocuments(yaml)
    .map((document) => {
      if (document.errors.length > 0) throw document.errors[0];
      return document.toJS() as Manifest | null;
    })
    .filter((manifest): manifest is Manifest => manifest !== null);
}

/** The objects that run pods: Deployments and Jobs. */
export function podOwners(manifests: readonly Manifest[]): Manifest[] {
  return manifests.filter((manifest) => manifest.kind === 'Deployment' || manifest.kind === 'Job');
}

export function ofKind(manifests: readonly Manifest[], kind: string): Manifest[] {
  return manifests.filter((manifest) => manifest.kind === kind);
}

/** The object of `kind` whose app.kubernetes.io/component is `component`. */
export function componentOf(
  manifests: readonly Manifest[],
  kind: string,
  component: string,
): Manifest | undefined {
  return ofKind(manifests, kind).find(
    (manifest) => manifest.metadata.labels?.['app.kubernetes.io/component'] === component,
  );
}
