/**
 * Runs a TypeScript entry point (argv[2]) in a child process without a build, compiled
 * file by file with SWC as jest does: for tests that kill a real worker process.
 */
const { readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { transformSync } = require('@swc/core');

const root = resolve(__dirname, '../..');
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      baseUrl: root,
      paths: { '@joinedup/migrations': ['migrations/index'], '@joinedup/*': ['libs/*/src'] },
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(join(root, process.argv[2]));
