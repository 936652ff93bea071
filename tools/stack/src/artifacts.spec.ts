import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readPinnedVersions } from './artifacts';

describe('readPinnedVersions', () => {
  it('reads the Kafka and Apicurio versions pinned in the stack pom', () => {
    const versions = readPinnedVersions();
    expect(versions.kafka).toMatch(/^4\.\d+\.\d+$/);
    expect(versions.apicurio).toMatch(/^3\.\d+\.\d+$/);
  });

  it('names the missing property when the pom does not pin it', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pom-')), 'pom.xml');
    fs.writeFileSync(
      file,
      '<project><properties><kafka.version>4.3.1</kafka.version></properties></project>',
    );
    expect(() => readPinnedVersions(file)).toThrow(/apicurio\.version/);
  });
});
