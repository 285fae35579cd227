import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const DOCUMENTS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];

/** Markdown outside fenced code blocks: links and headings inside them are examples. */
const prose = (text: string) => text.replace(/^```[\s\S]*?^```/gm, '');

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');

const anchorsOf = (file: string) =>
  new Set([...prose(readFileSync(file, 'utf8')).matchAll(/^#+ (.+)$/gm)].map(([, heading]) => anchorOf(heading)));

/** Every relative link (and picture) of the README and docs/ leads to a file that exists, and to a heading of it. */
describe('the documentation links', () => {
  it('makes anchors as GitHub does', () => {
    expect(anchorOf('The governance engine: flags and health')).toBe('the-governance-engine-flags-and-health');
    expect(anchorOf("Create a tenant and sign in")).toBe('create-a-tenant-and-sign-in');
    expect(anchorOf('`npm` scripts')).toBe('npm-scripts');
  });

  it.each(DOCUMENTS)('%s links only to files and headings that exist', (document) => {
    const text = prose(readFileSync(join(ROOT, document), 'utf8'));
    const broken: string[] = [];
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)|<img src="([^"]+)"/g)].map(([, link, image]) => link ?? image);
    for (const target of targets) {
      if (/^[a-z]+:/.test(target)) continue; // http(s), mailto
      const [path, anchor] = target.split('#');
      const file = path ? join(ROOT, dirname(document), path) : join(ROOT, document);
      if (!existsSync(file)) broken.push(`${target}: no file ${relative(ROOT, file)}`);
      else if (anchor && file.endsWith('.md') && !anchorsOf(file).has(anchor)) broken.push(`${target}: no such heading`);
    }
    expect(broken).toEqual([]);
  });
});

/** The npm scripts table of docs/operations.md names every script of package.json, and no other. */
describe('the npm scripts table', () => {
  it('lists exactly the scripts package.json has', () => {
    const operations = readFileSync(join(ROOT, 'docs', 'operations.md'), 'utf8');
    const start = operations.indexOf('\n## npm scripts\n');
    const section = operations.slice(start, operations.indexOf('\n## ', start + 1));
    const documented = [...section.matchAll(/^\| `([a-z:]+)` \|/gm)].map(([, name]) => name);
    const scripts = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts);
    expect(documented.sort()).toEqual(scripts.sort());
  });
});
