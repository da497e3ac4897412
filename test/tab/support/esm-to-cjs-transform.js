/**
 * Jest transform for ESM-only packages in node_modules (jose 6): jest on Node 20 cannot require()
 * an ES module, so these files are converted to CommonJS with esbuild (already a dev dependency).
 * Production code runs on Node 20.19+, whose require() loads ES modules natively.
 */
// A jest transformer is loaded with require(), so it is CommonJS itself.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { transformSync } = require('esbuild');

module.exports = {
  process(sourceText, sourcePath) {
    const { code, map } = transformSync(sourceText, {
      loader: 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: sourcePath,
    });
    return { code, map };
  },
};
