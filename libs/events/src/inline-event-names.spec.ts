import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DOMAIN_EVENT_NAMES } from './domain-events';

const ROOT = join(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('event names are written once, in the catalogue', () => {
  const files = [...sourceFiles(join(ROOT, 'libs')), ...sourceFiles(join(ROOT, 'apps'))]
    // Audit actions are another vocabulary, some spelled like an event (`action: 'user.created'`).
    .map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8').replace(/\baction: '[^']*'/g, '') }))
    .filter((file) => !file.path.startsWith('libs/events/'));

  it('no source outside the catalogue spells an event name', () => {
    const spelled = files.flatMap((file) =>
      DOMAIN_EVENT_NAMES.filter((name) => file.text.includes(`'${name}'`) || file.text.includes(`\`${name}\``)).map(
        (name) => `${file.path}: ${name}`,
      ),
    );
    expect(spelled).toEqual([]);
  });

  it('every event a migration’s trigger writes is catalogued', () => {
    // Landed migrations are never edited: their SQL names events itself, so the catalogue must know each name.
    const written = sourceFiles(join(ROOT, 'migrations')).flatMap((path) =>
      [...readFileSync(path, 'utf8').matchAll(/insert into outbox_event[^;]*?'([a-z]+(?:\.[a-z_]+)+)'/g)].map((m) => m[1]),
    );
    expect(written.length).toBeGreaterThan(0);
    expect(written.filter((name) => !(DOMAIN_EVENT_NAMES as readonly string[]).includes(name))).toEqual([]);
  });

  it('events are recorded with recordEvent only', () => {
    const direct = files.filter((file) => /\boutbox\.record\(/.test(file.text)).map((file) => file.path);
    expect(direct).toEqual([]);
  });
});
