// Writes raw records with the official Java client and a chosen compression codec, so tests can
// check that the runtime reads what other clients compress. Run as a single-file source program:
//   java -cp '<kafka libs>/*' RawProducer.java <bootstrap> <topic> <none|gzip|snappy|lz4|zstd>
// stdin: one record per line, base64 fields separated by spaces: key value [headerName headerValue]...
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

public class RawProducer {
  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", args[0]);
    props.put("compression.type", args[2]);
    props.put("acks", "all");
    props.put("linger.ms", "20");
    Base64.Decoder base64 = Base64.getDecoder();
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) continue;
        String[] fields = line.split(" ", -1);
        ProducerRecord<byte[], byte[]> record =
            new ProducerRecord<>(args[1], base64.decode(fields[0]), base64.decode(fields[1]));
        for (int i = 2; i + 1 < fields.length; i += 2) {
          record.headers().add(
              new String(base64.decode(fields[i]), StandardCharsets.UTF_8), base64.decode(fields[i + 1]));
        }
        sends.add(producer.send(record));
      }
      for (Future<RecordMetadata> send : sends) send.get();
    }
    System.out.println("sent " + sends.size());
  }
}
