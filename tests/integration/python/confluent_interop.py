"""Produce or consume Fieldline records with Confluent's own Python serializers (fastavro).

Used by python-interop.integration.spec.ts as the independent side of the wire format:
    consume --topic T --count N       prints one JSON object per record: key, value, schema ids
    produce --topic T --records FILE  reads JSON lines {"key": ..., "value": ...} and produces them
Both take --bootstrap and --registry. Value subjects use TopicRecordNameStrategy and keys
TopicNameStrategy, chosen through the library's own strategy functions.
"""
import argparse
import datetime
import json
import sys
import uuid

from confluent_kafka import Consumer, Producer
from confluent_kafka.schema_registry import (
    SchemaRegistryClient,
    topic_record_subject_name_strategy,
    topic_subject_name_strategy,
)
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext


def to_json(value):
    if isinstance(value, datetime.datetime):
        return int(value.timestamp() * 1000)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [to_json(item) for item in value]
    return value


def consume(args, registry):
    deserializer = AvroDeserializer(registry)
    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": args.group,
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
    })
    consumer.subscribe([args.topic])
    received = 0
    try:
        while received < args.count:
            message = consumer.poll(30.0)
            if message is None:
                sys.exit(f"timed out after {received} of {args.count} records")
            if message.error():
                sys.exit(f"consume error: {message.error()}")
            key_context = SerializationContext(args.topic, MessageField.KEY)
            value_context = SerializationContext(args.topic, MessageField.VALUE)
            print(json.dumps({
                "partition": message.partition(),
                "offset": message.offset(),
                "keySchemaId": int.from_bytes(message.key()[1:5], "big"),
                "valueSchemaId": int.from_bytes(message.value()[1:5], "big"),
                "key": to_json(deserializer(message.key(), key_context)),
                "value": to_json(deserializer(message.value(), value_context)),
            }), flush=True)
            received += 1
    finally:
        consumer.close()


def produce(args, registry):
    with open(args.key_schema) as key_file, open(args.value_schema) as value_file:
        key_schema, value_schema = key_file.read(), value_file.read()
    key_serializer = AvroSerializer(registry, key_schema, conf={
        "auto.register.schemas": False,
        "subject.name.strategy": topic_subject_name_strategy,
    })
    value_serializer = AvroSerializer(registry, value_schema, conf={
        "auto.register.schemas": False,
        "subject.name.strategy": topic_record_subject_name_strategy,
    })
    producer = Producer({"bootstrap.servers": args.bootstrap, "enable.idempotence": True})
    with open(args.records) as records:
        for line in records:
            record = json.loads(line)
            producer.produce(
                args.topic,
                key=key_serializer(record["key"], SerializationContext(args.topic, MessageField.KEY)),
                value=value_serializer(record["value"], SerializationContext(args.topic, MessageField.VALUE)),
            )
    remaining = producer.flush(30)
    if remaining:
        sys.exit(f"{remaining} records were not delivered")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["consume", "produce"])
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--registry", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--group", default="python-interop")
    parser.add_argument("--records")
    parser.add_argument("--key-schema")
    parser.add_argument("--value-schema")
    args = parser.parse_args()
    registry = SchemaRegistryClient({"url": args.registry})
    (consume if args.mode == "consume" else produce)(args, registry)


if __name__ == "__main__":
    main()
