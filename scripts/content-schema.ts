/**
 * npm run content:schema
 *
 * Writes the JSON Schema of every content file (and of kiosk-config/kiosk.yaml) into docs/schema/, from
 * the zod schemas in main/content/. Editors (VS Code with the YAML extension) use them to underline
 * mistakes while staff type.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { schemasForExport } from '../main/content/schema';
import { kioskSettingsSchema } from '../main/config/settings';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'docs', 'schema');

const titles: Record<string, string> = {
  exhibit: 'exhibit.yaml',
  story: 'Story front matter (stories/<id>/<lang>.md)',
  photo: 'photos/<id>.yaml',
  diary: 'diary/<id>.yaml',
  person: 'people/<id>.yaml',
  timeline: 'timeline.yaml',
  kiosk: 'kiosk-config/kiosk.yaml',
};

async function main(): Promise<void> {
  await mkdir(out, { recursive: true });
  const all: Record<string, z.ZodType> = { ...schemasForExport, kiosk: kioskSettingsSchema };
  for (const [name, schema] of Object.entries(all)) {
    // io: 'input' describes what people write: fields with a default are optional.
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-7' });
    const document = { ...json, $id: `${name}.schema.json`, title: titles[name] ?? name };
    await writeFile(path.join(out, `${name}.schema.json`), `${JSON.stringify(document, null, 2)}\n`);
    process.stdout.write(`wrote docs/schema/${name}.schema.json\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
