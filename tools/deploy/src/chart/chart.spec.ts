import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogTopics, fitToCluster } from '@fieldline/platform-kafka';
import { runProcess } from '@fieldline/stack';
import { bundlePath, serviceApps } from '../build/build-apps';
import { appDeploymentProblems } from '../manifests/app-deployments';
import { unreadConnectionVariables } from '../manifests/connection-variables';
import {
  componentOf,
  ofKind,
  parseManifests,
  podSpecOf,
  type EnvVar,
  type Manifest,
  type PodSpec,
  podOwners,
} from '../manifests/manifest';
import { kubernetesVersion, validateManifests } from '../manifests/validate-manifests';
import { installedDeployTools } from '../tooling/deploy-tools';
import {
  chartDir,
  chartProfiles,
  helmLint,
  helmTemplate,
  profileValues,
  renderChart,
  type ChartInput,
} from './helm-chart';

const tools = installedDeployTools();
const services = serviceApps();
const consumers = services.filter((app) => app !== 'ingest-gateway');
/** Custom resources the chart may render; kubernetes-validate has no schema for them. */
const customKinds = [
  'keda.sh/v1alpha1/ScaledObject',
  'keda.sh/v1alpha1/TriggerAuthentication',
  'monitoring.coreos.com/v1/ServiceMonitor',
  'kafka.strimzi.io/v1beta2/KafkaTopic',
];

const render = async (input: ChartInput) => parseManifests(await renderChart(tools, input));
const profile = (name: string) => render({ valuesFiles: [profileValues(name)] });

/** The pods of Fieldline's own apps and its deploy Job (not the optional collector's). */
function podSpecs(manifests: readonly Manifest[]): { name: string; spec: PodSpec }[] {
  const own = new Set([...services, 'deploy']);
  return podOwners(manifests)
    .filter((manifest) => own.has(manifest.metadata.labels?.['app.kubernetes.io/component'] ?? ''))
    .map((manifest) => ({
      name: `${manifest.kind}/${manifest.metadata.name}`,
      spec: podSpecOf(manifest) as PodSpec,
    }));
}

/** The first container's variables by name. */
function envOf(manifest: Manifest | undefined): Record<string, EnvVar> {
  const env = podSpecOf(manifest)?.containers[0]?.env ?? [];
  return Object.fromEntries(env.map((entry) => [entry.name, entry]));
}

const renderings: [string, string[]][] = [
  ['default values', []],
  ...chartProfiles.map((name): [string, string[]] => [
    `the ${name} profile`,
    [profileValues(name)],
  ]),
];

describe.each(renderings)('with %s', (_name, valuesFiles) => {
  let yaml: string;
  beforeAll(async () => {
    yaml = await renderChart(tools, { valuesFiles });
  });

  it('passes helm lint --strict', async () => {
    const lint = await helmLint(tools, { valuesFiles });
    expect({ code: lint.code, output: lint.stdout + lint.stderr }).toMatchObject({ code: 0 });
  });

  it('renders manifests that validate against the Kubernetes schemas', async () => {
    const validation = await validateManifests(tools, yaml);
    expect(validation.failures).toEqual([]);
    expect(validation.unknownKinds.filter((kind) => !customKinds.includes(kind))).toEqual([]);
  });

  it('deploys every service with its bundle, port and /healthz and /readyz probes', () => {
    expect(appDeploymentProblems(parseManifests(yaml), services)).toEqual([]);
  });

  it('runs every pod non-root, without privileges, a token or a writable root', () => {
    for (const { name, spec } of podSpecs(parseManifests(yaml))) {
      expect({ name, automount: spec.automountServiceAccountToken }).toEqual({
        name,
        automount: false,
      });
      expect({ name, ...spec.securityContext }).toMatchObject({
        name,
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      for (const container of spec.containers) {
        expect({ name, ...container.securityContext }).toMatchObject({
          name,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
      }
    }
  });

  it('keeps every credential in a Secret, never in a value or a ConfigMap', () => {
    const secretLike = /PASSWORD|SECRET|TOKEN|HEADERS|DATABASE_URL|SMTP_URL/;
    const manifests = parseManifests(yaml);
    for (const { name, spec } of podSpecs(manifests)) {
      for (const env of spec.containers.flatMap((container) => container.env ?? [])) {
        if (secretLike.test(env.name)) {
          expect({ name, env: env.name, from: Object.keys(env.valueFrom ?? {}) }).toEqual({
            name,
            env: env.name,
            from: ['secretKeyRef'],
          });
        }
      }
    }
    for (const configMap of ofKind(manifests, 'ConfigMap')) {
      expect(JSON.stringify(configMap)).not.toMatch(/password|secret/i);
    }
  });

  it('sets only Kafka, registry and namespace variables the apps read', () => {
    const manifests = parseManifests(yaml);
    expect(unreadConnectionVariables(podOwners(manifests))).toEqual([]);
  });
});

describe('invalid values fail at install, naming the value', () => {
  it.each([
    [
      'a negative replica count',
      { 'apps.notifier.replicas': '-1' },
      "at '/apps/notifier/replicas': minimum: got -1, want 0",
    ],
    [
      'a missing bootstrap server',
      { 'kafka.bootstrapServers': 'null' },
      "at '/kafka': missing property 'bootstrapServers'",
    ],
    [
      'an empty bootstrap server list',
      { 'kafka.bootstrapServers': '' },
      "at '/kafka/bootstrapServers': minLength: got 0, want 1",
    ],
    [
      'a broker without a port',
      { 'kafka.bootstrapServers': 'kafka' },
      "at '/kafka/bootstrapServers': 'kafka' does not match pattern",
    ],
    [
      'an unknown key in an app block',
      { 'apps.notifier.replica': '3' },
      "at '/apps/notifier': additional properties 'replica' not allowed",
    ],
    [
      'an unknown app',
      { 'apps.notifyer.enabled': 'true' },
      "at '/apps': additional properties 'notifyer' not allowed",
    ],
    [
      'an unknown SASL mechanism',
      { 'kafka.sasl.mechanism': 'gssapi' },
      "at '/kafka/sasl/mechanism'",
    ],
    [
      'SASL without its Secret',
      { 'kafka.sasl.enabled': 'true' },
      'kafka.sasl.existingSecret: name the Secret',
    ],
    [
      'Strimzi without its cluster',
      { 'strimzi.enabled': 'true' },
      'strimzi.clusterName: name the Strimzi Kafka resource',
    ],
    [
      'two autoscalers on one app',
      {
        'apps.field-state.autoscaling.hpa.enabled': 'true',
        'apps.field-state.autoscaling.keda.enabled': 'true',
      },
      'apps.field-state.autoscaling: enable hpa or keda, not both',
    ],
    [
      'more minimum than maximum replicas',
      {
        'apps.notifier.autoscaling.keda.enabled': 'true',
        'apps.notifier.autoscaling.keda.minReplicas': '9',
      },
      'apps.notifier.autoscaling.keda: minReplicas 9 is more than maxReplicas 6',
    ],
    [
      'lag scaling of the gateway',
      { 'apps.ingest-gateway.autoscaling.keda.enabled': 'true' },
      'apps.ingest-gateway.autoscaling.keda',
    ],
  ])('%s', async (_case, set, message) => {
    const run = await helmTemplate(tools, { set });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(message);
  });
});

describe('topics and schemas', () => {
  it('are provisioned and registered by a pre-install/pre-upgrade Job running `fieldline deploy`', async () => {
    const manifests = await render({ set: { topicNamespace: 'staging' } });
    const job = componentOf(manifests, 'Job', 'deploy');
    expect(job?.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    const container = job?.spec.template.spec.containers[0];
    expect(container.args).toEqual([bundlePath('cli'), 'deploy']);
    // `deploy` provisions catalogTopics(FIELDLINE_NAMESPACE): every catalog topic, and the
    // retry and dead-letter topics of each consumer group, in the release's namespace.
    expect(envOf(job)['FIELDLINE_NAMESPACE']?.value).toBe('staging');
    expect(ofKind(manifests, 'KafkaTopic')).toEqual([]);
  });

  /** The KafkaTopics as `fieldline topics provision` would create them on `brokers` brokers. */
  const declaredTopics = (manifests: readonly Manifest[]) =>
    ofKind(manifests, 'KafkaTopic').map((topic) => ({
      name: topic.spec.topicName,
      partitions: topic.spec.partitions,
      replicationFactor: topic.spec.replicas,
      config: topic.spec.config,
      cluster: topic.metadata.labels?.['strimzi.io/cluster'],
      kept: topic.metadata.annotations?.['helm.sh/resource-policy'],
    }));
  const provisioned = (namespace: string, brokers: number) =>
    catalogTopics(namespace).map((topic) => ({
      ...fitToCluster(topic, brokers),
      cluster: 'events',
      kept: 'keep',
    }));

  it('are Strimzi KafkaTopics for every topic `fieldline topics provision` creates, kept on uninstall', async () => {
    const manifests = await profile('strimzi');
    expect(declaredTopics(manifests)).toEqual(provisioned('staging', 3));
    const job = componentOf(manifests, 'Job', 'deploy');
    expect(job?.spec.template.spec.containers[0].args).toEqual([
      bundlePath('cli'),
      'schemas',
      'register',
    ]);
  });

  it('fit Strimzi topics to the replicas set, min.insync.replicas included', async () => {
    const manifests = await render({
      valuesFiles: [profileValues('strimzi')],
      set: { 'strimzi.replicas': '1' },
    });
    expect(declaredTopics(manifests)).toEqual(provisioned('staging', 1));
  });

  it('are refused as Strimzi topics under a namespace Kubernetes cannot name', async () => {
    const run = await helmTemplate(tools, {
      valuesFiles: [profileValues('strimzi')],
      set: { topicNamespace: 'Prod_1' },
    });
    expect(run.stderr).toContain('topicNamespace: "Prod_1" becomes part of KafkaTopic names');
  });

  it('reach KEDA and the apps with a SASL user name given as a value (Strimzi KafkaUser Secrets hold only the password)', async () => {
    const manifests = await render({
      valuesFiles: [profileValues('strimzi')],
      set: { 'apps.notifier.autoscaling.keda.enabled': 'true' },
    });
    const env = envOf(componentOf(manifests, 'Deployment', 'notifier'));
    expect(env['KAFKA_SASL_USERNAME']?.value).toBe('fieldline');
    expect(env['KAFKA_SASL_PASSWORD']?.valueFrom?.['secretKeyRef']).toEqual({
      name: 'fieldline',
      key: 'password',
    });
    const [auth] = ofKind(manifests, 'TriggerAuthentication');
    expect(auth?.spec.env).toEqual([
      { parameter: 'username', name: 'KAFKA_SASL_USERNAME', containerName: 'app' },
    ]);
    expect(auth?.spec.secretTargetRef.map((ref: { parameter: string }) => ref.parameter)).toEqual([
      'password',
      'ca',
    ]);
  });
});

describe('the production profile', () => {
  let manifests: Manifest[];
  beforeAll(async () => {
    manifests = await profile('production');
  });

  it('connects with SASL/SCRAM and TLS from the named Secrets, and a private CA and client certificate', () => {
    for (const app of [...services, 'deploy']) {
      const manifest = componentOf(manifests, app === 'deploy' ? 'Job' : 'Deployment', app);
      const env = envOf(manifest);
      expect(env['KAFKA_SASL_MECHANISM']?.value).toBe('scram-sha-512');
      expect(env['KAFKA_SASL_PASSWORD']?.valueFrom?.['secretKeyRef']).toEqual({
        name: 'fieldline-kafka-user',
        key: 'password',
      });
      expect(env['KAFKA_TLS']?.value).toBe('true');
      expect(env['SCHEMA_REGISTRY_PASSWORD']?.valueFrom?.['secretKeyRef']?.['name']).toBe(
        'fieldline-registry',
      );
      const pod = podSpecOf(manifest);
      const mounts = Object.fromEntries(
        (pod?.containers[0]?.volumeMounts ?? []).map((mount) => [mount.name, mount.mountPath]),
      );
      const secrets = Object.fromEntries(
        (pod?.volumes ?? []).map((volume) => [volume.name, volume.secret?.secretName]),
      );
      expect(env['KAFKA_TLS_CA_FILE']?.value).toBe(`${mounts['kafka-ca']}/ca.crt`);
      expect(secrets['kafka-ca']).toBe('fieldline-kafka-ca');
      expect(env['KAFKA_TLS_CERT_FILE']?.value).toBe(`${mounts['kafka-client']}/tls.crt`);
      expect(secrets['kafka-client']).toBe('fieldline-kafka-client');
      expect(env['NODE_EXTRA_CA_CERTS']?.value).toBe(`${mounts['registry-ca']}/ca.crt`);
    }
  });

  it("scales each consumer on its groups' lag with KEDA, and the gateway on CPU", () => {
    for (const app of consumers) {
      const scaled = componentOf(manifests, 'ScaledObject', app);
      expect(scaled?.spec.scaleTargetRef.name).toBe(
        componentOf(manifests, 'Deployment', app)?.metadata.name,
      );
      expect(componentOf(manifests, 'Deployment', app)?.spec.replicas).toBeUndefined();
      const triggers = scaled?.spec.triggers;
      expect(triggers[0].metadata).toMatchObject({
        consumerGroup: `prod.${app}`,
        sasl: 'scram_sha512',
        tls: 'enable',
        lagThreshold: '5000',
      });
      const auth = ofKind(manifests, 'TriggerAuthentication').find(
        (candidate) => candidate.metadata.name === triggers[0].authenticationRef.name,
      );
      expect(auth?.spec.secretTargetRef.map((ref: { parameter: string }) => ref.parameter)).toEqual(
        ['username', 'password', 'ca', 'cert', 'key'],
      );
    }
    expect(
      componentOf(manifests, 'ScaledObject', 'notifier')?.spec.triggers.map(
        (trigger: { metadata: { consumerGroup: string } }) => trigger.metadata.consumerGroup,
      ),
    ).toEqual(['prod.notifier', 'prod.notifier.delivery']);
    const hpa = componentOf(manifests, 'HorizontalPodAutoscaler', 'ingest-gateway');
    expect(hpa?.spec).toMatchObject({ minReplicas: 3, maxReplicas: 12 });
    expect(componentOf(manifests, 'ScaledObject', 'ingest-gateway')).toBeUndefined();
  });

  it('exports traces and metrics over OTLP with headers from a Secret', () => {
    const env = envOf(componentOf(manifests, 'Deployment', 'notifier'));
    expect(env['OTEL_EXPORTER_OTLP_ENDPOINT']?.value).toBe('https://otlp.example.com:4318');
    expect(env['OTEL_EXPORTER_OTLP_HEADERS']?.valueFrom?.['secretKeyRef']?.['name']).toBe(
      'fieldline-otlp',
    );
    expect(env['OTEL_METRICS_EXPORTER']).toBeUndefined();
    expect(env['OTEL_TRACES_SAMPLER_ARG']?.value).toBe('0.05');
  });

  it('lets pods of the release and the monitoring namespace reach each app, and anyone the gateway', () => {
    const notifier = componentOf(manifests, 'NetworkPolicy', 'notifier');
    expect(notifier?.spec.ingress[0].from).toHaveLength(2);
    expect(notifier?.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(notifier?.spec.egress[0].ports).toContainEqual({ port: 53, protocol: 'UDP' });
    expect(
      componentOf(manifests, 'NetworkPolicy', 'ingest-gateway')?.spec.ingress[0].from,
    ).toBeUndefined();
    expect(ofKind(manifests, 'ServiceMonitor')).toHaveLength(services.length);
    expect(
      componentOf(manifests, 'Ingress', 'ingest-gateway')?.spec.rules[0].http.paths[0].path,
    ).toBe('/v1');
  });
});

it("runs an app's own image when its block names one, and the release's elsewhere", async () => {
  const manifests = await render({
    set: { 'image.tag': '1.4.0', 'apps.notifier.image.tag': '1.5.0-rc.1' },
  });
  const imageOf = (kind: string, component: string) =>
    componentOf(manifests, kind, component)?.spec.template.spec.containers[0].image;
  expect(imageOf('Deployment', 'notifier')).toBe('ghcr.io/fieldline/fieldline:1.5.0-rc.1');
  expect(imageOf('Deployment', 'field-state')).toBe('ghcr.io/fieldline/fieldline:1.4.0');
  expect(imageOf('Job', 'deploy')).toBe('ghcr.io/fieldline/fieldline:1.4.0');
  const versionOf = (component: string) =>
    envOf(componentOf(manifests, 'Deployment', component))['FIELDLINE_VERSION']?.value;
  expect([versionOf('notifier'), versionOf('field-state')]).toEqual(['1.5.0-rc.1', '1.4.0']);
});

it('rolls one pod at a time and never blocks a drain on pods made unready by an outage', async () => {
  const manifests = await render({});
  for (const app of services) {
    expect(componentOf(manifests, 'Deployment', app)?.spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
    });
    expect(componentOf(manifests, 'PodDisruptionBudget', app)?.spec).toMatchObject({
      maxUnavailable: 1,
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
    });
  }
});

it('sends telemetry to its own collector when one is enabled and no endpoint is set', async () => {
  const manifests = await profile('strimzi');
  const collector = componentOf(manifests, 'Service', 'otel-collector');
  const env = envOf(componentOf(manifests, 'Deployment', 'pattern-detector'));
  expect(env['OTEL_EXPORTER_OTLP_ENDPOINT']?.value).toBe(`http://${collector?.metadata.name}:4318`);
  expect(env['OTEL_METRICS_EXPORTER']?.value).toBe('none');
});

it('tells the operator in NOTES.txt what was deployed and how to check it', async () => {
  // `helm install --dry-run` needs a cluster. A copy of the chart renders NOTES.txt into a
  // ConfigMap with `tpl`, the way Helm renders it after an install.
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldline-chart-'));
  try {
    fs.cpSync(chartDir, copy, { recursive: true });
    fs.renameSync(path.join(copy, 'templates', 'NOTES.txt'), path.join(copy, 'files', 'notes.txt'));
    fs.writeFileSync(
      path.join(copy, 'templates', 'notes.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: notes }\ndata:\n  notes: {{ tpl (.Files.Get "files/notes.txt") . | quote }}\n',
    );
    const run = await runProcess(tools.helm, [
      'template',
      'fieldline',
      copy,
      '--kube-version',
      kubernetesVersion,
      '--show-only',
      'templates/notes.yaml',
      '--values',
      profileValues('production'),
    ]);
    expect(run.stderr).toBe('');
    const [rendered] = parseManifests(run.stdout) as { data?: { notes?: string } }[];
    const notes = rendered?.data?.notes ?? '';
    for (const app of services) expect(notes).toContain(`- ${app}: Deployment fieldline-${app}`);
    expect(notes).toContain('SASL scram-sha-512, TLS');
    expect(notes).toContain('Topics (under "prod."): created by the pre-install/pre-upgrade Job');
    expect(notes).toContain('kubectl --namespace default logs job/fieldline-deploy');
    expect(notes).toContain('curl -s http://127.0.0.1:8080/readyz');
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
});
