{{/* Names: the chart, the release, and one per app, each within 63 characters. */}}
{{- define "fieldline.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "fieldline.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "fieldline.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The resource name of one component: (dict "root" $ "component" "notifier"). */}}
{{- define "fieldline.componentName" -}}
{{- printf "%s-%s" (include "fieldline.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels every resource carries: (dict "root" $ "component" "notifier"). */}}
{{- define "fieldline.labels" -}}
helm.sh/chart: {{ include "fieldline.chart" .root }}
{{ include "fieldline.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: fieldline
{{- end }}

{{/* Labels that select one component's pods. */}}
{{- define "fieldline.selectorLabels" -}}
app.kubernetes.io/name: {{ include "fieldline.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* The image: the release's, or an app's own override: (dict "root" $ "override" $a.image). */}}
{{- define "fieldline.image" -}}
{{- $image := mergeOverwrite (deepCopy .root.Values.image) (.override | default dict) }}
{{- printf "%s:%s" $image.repository (include "fieldline.version" .) }}
{{- end }}

{{/*
An app's settings: the defaults overridden by its own block, key by key.
Returns YAML; use with fromYaml: (dict "root" $ "app" "notifier").
*/}}
{{- define "fieldline.appValues" -}}
{{- $own := index .root.Values.apps .app | default dict }}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy $own)) }}
{{- end }}

{{/* The version an app reports (FIELDLINE_VERSION): its image's tag. */}}
{{- define "fieldline.version" -}}
{{- $image := mergeOverwrite (deepCopy .root.Values.image) (.override | default dict) }}
{{- default .root.Chart.AppVersion $image.tag }}
{{- end }}

{{/* The bundle an app runs from the image. */}}
{{- define "fieldline.bundle" -}}
dist/apps/{{ . }}/main.js
{{- end }}

{{/* A consumer group's name in the topic namespace (namespacedGroup in platform-kafka). */}}
{{- define "fieldline.group" -}}
{{- if .root.Values.topicNamespace }}{{ printf "%s.%s" .root.Values.topicNamespace .group }}{{ else }}{{ .group }}{{ end }}
{{- end }}

{{/* Where the apps send OTLP: the value, else the chart's collector when it is enabled. */}}
{{- define "fieldline.otlpEndpoint" -}}
{{- if .Values.telemetry.otlp.endpoint }}
{{- .Values.telemetry.otlp.endpoint }}
{{- else if .Values.otelCollector.enabled }}
{{- $port := ternary "4317" "4318" (eq .Values.telemetry.otlp.protocol "grpc") }}
{{- printf "http://%s:%s" (include "fieldline.componentName" (dict "root" . "component" "otel-collector")) $port }}
{{- end }}
{{- end }}

{{/*
The environment every Fieldline process connects with: brokers, SASL and TLS, the registry, the
topic namespace, telemetry and logging. Secrets only by reference.
*/}}
{{- define "fieldline.connectionEnv" -}}
{{- $v := .Values -}}
- name: KAFKA_BROKERS
  value: {{ $v.kafka.bootstrapServers | quote }}
{{- if $v.kafka.sasl.enabled }}
- name: KAFKA_SASL_MECHANISM
  value: {{ $v.kafka.sasl.mechanism | quote }}
- name: KAFKA_SASL_USERNAME
{{- if $v.kafka.sasl.username }}
  value: {{ $v.kafka.sasl.username | quote }}
{{- else }}
  valueFrom:
    secretKeyRef: { name: {{ $v.kafka.sasl.existingSecret | quote }}, key: {{ $v.kafka.sasl.usernameKey | quote }} }
{{- end }}
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef: { name: {{ $v.kafka.sasl.existingSecret | quote }}, key: {{ $v.kafka.sasl.passwordKey | quote }} }
{{- end }}
{{- if $v.kafka.tls.enabled }}
- name: KAFKA_TLS
  value: "true"
{{- if $v.kafka.tls.caSecret }}
- name: KAFKA_TLS_CA_FILE
  value: /etc/fieldline/kafka-ca/{{ $v.kafka.tls.caKey }}
{{- end }}
{{- if $v.kafka.tls.clientCertSecret }}
- name: KAFKA_TLS_CERT_FILE
  value: /etc/fieldline/kafka-client/tls.crt
- name: KAFKA_TLS_KEY_FILE
  value: /etc/fieldline/kafka-client/tls.key
{{- end }}
{{- end }}
- name: SCHEMA_REGISTRY_URL
  value: {{ $v.schemaRegistry.url | quote }}
{{- if $v.schemaRegistry.auth.existingSecret }}
- name: SCHEMA_REGISTRY_USERNAME
  valueFrom:
    secretKeyRef: { name: {{ $v.schemaRegistry.auth.existingSecret | quote }}, key: {{ $v.schemaRegistry.auth.usernameKey | quote }} }
- name: SCHEMA_REGISTRY_PASSWORD
  valueFrom:
    secretKeyRef: { name: {{ $v.schemaRegistry.auth.existingSecret | quote }}, key: {{ $v.schemaRegistry.auth.passwordKey | quote }} }
{{- end }}
{{- if $v.schemaRegistry.caSecret }}
- name: NODE_EXTRA_CA_CERTS
  value: /etc/fieldline/registry-ca/{{ $v.schemaRegistry.caKey }}
{{- end }}
- name: FIELDLINE_NAMESPACE
  value: {{ $v.topicNamespace | quote }}
- name: FIELDLINE_ENVIRONMENT
  value: {{ $v.environment | quote }}
- name: LOG_LEVEL
  value: {{ $v.logLevel | quote }}
{{- with include "fieldline.otlpEndpoint" . }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
- name: OTEL_EXPORTER_OTLP_PROTOCOL
  value: {{ $v.telemetry.otlp.protocol | quote }}
{{- if not $v.telemetry.otlp.metrics }}
- name: OTEL_METRICS_EXPORTER
  value: none
{{- end }}
{{- end }}
{{- if $v.telemetry.otlp.headersSecret }}
- name: OTEL_EXPORTER_OTLP_HEADERS
  valueFrom:
    secretKeyRef: { name: {{ $v.telemetry.otlp.headersSecret | quote }}, key: {{ $v.telemetry.otlp.headersKey | quote }} }
{{- end }}
- name: OTEL_TRACES_SAMPLER
  value: {{ $v.telemetry.sampler | quote }}
- name: OTEL_TRACES_SAMPLER_ARG
  value: {{ $v.telemetry.samplerArg | quote }}
{{- if $v.telemetry.resourceAttributes }}
- name: OTEL_RESOURCE_ATTRIBUTES
  value: {{ $v.telemetry.resourceAttributes | quote }}
{{- end }}
- name: K8S_POD_NAME
  valueFrom: { fieldRef: { fieldPath: metadata.name } }
- name: K8S_POD_UID
  valueFrom: { fieldRef: { fieldPath: metadata.uid } }
- name: K8S_NAMESPACE_NAME
  valueFrom: { fieldRef: { fieldPath: metadata.namespace } }
- name: K8S_NODE_NAME
  valueFrom: { fieldRef: { fieldPath: spec.nodeName } }
{{- end }}

{{/* Mounts for the connection's certificates, and a writable /tmp on a read-only root. */}}
{{- define "fieldline.connectionMounts" -}}
{{- $v := .Values -}}
- name: tmp
  mountPath: /tmp
{{- if and $v.kafka.tls.enabled $v.kafka.tls.caSecret }}
- name: kafka-ca
  mountPath: /etc/fieldline/kafka-ca
  readOnly: true
{{- end }}
{{- if and $v.kafka.tls.enabled $v.kafka.tls.clientCertSecret }}
- name: kafka-client
  mountPath: /etc/fieldline/kafka-client
  readOnly: true
{{- end }}
{{- if $v.schemaRegistry.caSecret }}
- name: registry-ca
  mountPath: /etc/fieldline/registry-ca
  readOnly: true
{{- end }}
{{- end }}

{{- define "fieldline.connectionVolumes" -}}
{{- $v := .Values -}}
- name: tmp
  emptyDir: { sizeLimit: 64Mi }
{{- if and $v.kafka.tls.enabled $v.kafka.tls.caSecret }}
- name: kafka-ca
  secret: { secretName: {{ $v.kafka.tls.caSecret | quote }} }
{{- end }}
{{- if and $v.kafka.tls.enabled $v.kafka.tls.clientCertSecret }}
- name: kafka-client
  secret: { secretName: {{ $v.kafka.tls.clientCertSecret | quote }} }
{{- end }}
{{- if $v.schemaRegistry.caSecret }}
- name: registry-ca
  secret: { secretName: {{ $v.schemaRegistry.caSecret | quote }} }
{{- end }}
{{- end }}

{{/* Checks across values that values.schema.json cannot express; each names the value. */}}
{{- define "fieldline.validate" -}}
{{- $v := .Values -}}
{{- if and $v.kafka.sasl.enabled (not $v.kafka.sasl.existingSecret) }}
{{- fail "kafka.sasl.existingSecret: name the Secret holding the SASL user name and password (kafka.sasl.enabled is true)" }}
{{- end }}
{{- if and $v.strimzi.enabled (not (regexMatch "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)?$" $v.topicNamespace)) }}
{{- fail (printf "topicNamespace: %q becomes part of KafkaTopic names with strimzi.enabled, so it may hold only lowercase letters, digits, '-' and '.'" $v.topicNamespace) }}
{{- end }}
{{- if and $v.strimzi.enabled (not $v.strimzi.clusterName) }}
{{- fail "strimzi.clusterName: name the Strimzi Kafka resource the topics belong to (strimzi.enabled is true)" }}
{{- end }}
{{- range $app, $own := $v.apps }}
{{- $a := include "fieldline.appValues" (dict "root" $ "app" $app) | fromYaml }}
{{- if and $a.autoscaling.hpa.enabled $a.autoscaling.keda.enabled }}
{{- fail (printf "apps.%s.autoscaling: enable hpa or keda, not both (KEDA makes its own HPA)" $app) }}
{{- end }}
{{- range $kind := list "hpa" "keda" }}
{{- $scaler := index $a.autoscaling $kind }}
{{- if and $scaler.enabled (gt (int $scaler.minReplicas) (int $scaler.maxReplicas)) }}
{{- fail (printf "apps.%s.autoscaling.%s: minReplicas %v is more than maxReplicas %v" $app $kind $scaler.minReplicas $scaler.maxReplicas) }}
{{- end }}
{{- end }}
{{- if and $a.autoscaling.keda.enabled (eq $app "ingest-gateway") }}
{{- fail "apps.ingest-gateway.autoscaling.keda: the gateway consumes no topic; scale it with autoscaling.hpa" }}
{{- end }}
{{- end }}
{{- end }}
