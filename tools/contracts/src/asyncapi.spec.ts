import fs from 'node:fs';
import path from 'node:path';
import { Parser } from '@asyncapi/parser';
import { AvroSchemaParser } from '@asyncapi/avro-schema-parser';
import { repoRoot } from './load-contracts';

describe('docs/asyncapi.yaml', () => {
  it('is a valid AsyncAPI 3 document with every channel and message', async () => {
    const parser = new Parser();
    parser.registerSchemaParser(AvroSchemaParser());
    const text = fs.readFileSync(path.join(repoRoot, 'docs', 'asyncapi.yaml'), 'utf8');
    const { document, diagnostics } = await parser.parse(text);
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0);
    expect(errors.map((error) => `${error.path.join('.')}: ${error.message}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
    const channels = document
      ?.channels()
      .all()
      .map((channel) => channel.address());
    expect(channels).toEqual([
      'observations',
      'patterns',
      'pattern-neighbourhoods',
      'field-states',
      'relationships',
      'notifications',
    ]);
    const messageNames = document
      ?.messages()
      .all()
      .map((message) => message.name());
    expect(new Set(messageNames)).toEqual(
      new Set([
        'ObservationRecorded',
        'PatternDetected',
        'PatternEvolved',
        'FieldStateUpdated',
        'RelationshipFormed',
        'RelationshipChanged',
        'NotificationRequested',
        'NotificationDelivered',
        'NotificationFailed',
      ]),
    );
  });
});
