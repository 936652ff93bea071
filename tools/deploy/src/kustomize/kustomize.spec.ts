import path from 'node:path';
import { runProcess } from '@fieldline/stack';
import { serviceApps } from '../build/build-apps';
import { appDeploymentProblems } from '../manifests/app-deployments';
import { unreadConnectionVariables } from '../manifests/connection-variables';
import { componentOf, parseManifests, podOwners } from '../manifests/manifest';
import { validateManifests } from '../manifests/validate-manifests';
import { installedDeployTools } from '../tooling/deploy-tools';
import { k8sDir, overlays } from './kustomize-base';

const tools = installedDeployTools();
const services = serviceApps();
describe.each(overlays)('the %s overlay', (overlay) => {
  let yaml: string;
  beforeAll(async () => {
    const build = await runProcess(tools.kubectl, [
      'kustomize',
      path.join(k8sDir, 'overlays', overlay),
    ]);
    if (build.code !== 0) throw new Error(`kubectl kustomize failed:\n${build.stderr}`);
    yaml = build.stdout;
  });

  it('builds manifests that validate against the Kubernetes schemas', async () => {
    expect((await validateManifests(tools, yaml)).failures).toEqual([]);
  });

  it('deploys every service with its bundle, port and /healthz and /readyz probes', () => {
    expect(appDeploymentProblems(parseManifests(yaml), services)).toEqual([]);
  });

  it('sets only Kafka, registry and namespace variables the apps read', () => {
    const manifests = parseManifests(yaml);
    expect(unreadConnectionVariables(podOwners(manifests))).toEqual([]);
  });

  it('points every app and the deploy Job at its own Kafka, once', () => {
    const manifests = parseManifests(yaml);
    const pods = [
      ...services.map((app) => componentOf(manifests, 'Deployment', app)),
      componentOf(manifests, 'Job', 'deploy'),
    ];
    for (const pod of pods) {
      const env = pod?.spec.template.spec.containers[0].env as { name: string; value?: string }[];
      const brokers = env.filter((entry) => entry.name === 'KAFKA_BROKERS');
      expect({ pod: pod?.metadata.name, brokers: brokers.length }).toEqual({
        pod: pod?.metadata.name,
        brokers: 1,
      });
      expect(brokers[0]?.value).not.toBe('kafka:9092');
    }
  });
});
