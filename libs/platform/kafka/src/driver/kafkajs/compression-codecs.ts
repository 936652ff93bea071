import { compress as zstdCompress, decompress as zstdDecompress } from '@mongodb-js/zstd';
import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import { compressFrame, decompressFrame } from 'lz4-napi';
// kafkajs-snappy implements the xerial framing the Java client writes; it ships no types.
const SnappyCodec = require('kafkajs-snappy') as () => KafkajsCodec;

interface KafkajsCodec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

/** Kafka's LZ4 is the standard LZ4 frame format. */
const lz4Codec = (): KafkajsCodec => ({
  compress: (encoder) => compressFrame(encoder.buffer),
  decompress: (buffer) => decompressFrame(buffer),
});

const zstdCodec = (): KafkajsCodec => ({
  compress: (encoder) => zstdCompress(encoder.buffer),
  decompress: (buffer) => zstdDecompress(buffer),
});

let installed = false;

/**
 * kafkajs only knows GZIP by itself; records that other clients compressed with Snappy, LZ4 or
 * ZSTD would fail to decode. The codec table is process-wide, so this runs once.
 */
export function installCompressionCodecs(): void {
  if (installed) return;
  installed = true;
  const codecs = CompressionCodecs as Record<number, () => KafkajsCodec>;
  codecs[CompressionTypes.Snappy] = SnappyCodec;
  codecs[CompressionTypes.LZ4] = lz4Codec;
  codecs[CompressionTypes.ZSTD] = zstdCodec;
}
