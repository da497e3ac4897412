// The text of the PDF on stdin, on stdout (unpdf's PDF.js). Run as its own node process because
// PDF.js loads itself by a dynamic import, which jest's CommonJS sandbox does not allow.
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { extractText, getDocumentProxy } from 'unpdf';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { text } = await extractText(await getDocumentProxy(new Uint8Array(Buffer.concat(chunks))), {
  mergePages: true,
});
process.stdout.write(text);
