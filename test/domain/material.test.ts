/**
 * The material (bilag) rules: https only, well formed, the governance file's file types, the kind
 * from the name or URL, the maximum per proposal, and old proposals' single materialUrl.
 */
import {
  addMaterial,
  checkLink,
  checkTeamsFile,
  materialOf,
  parseMaterialLines,
  proposalMaterialOf,
  type MaterialEntry,
} from '../../src/features/agenda/domain/material';
import { governanceSchema } from '../../src/domain/governance';
import { fki } from './governance-fixture';

const ALLOWED = ['pdf', 'docx', 'xlsx', 'pptx', 'txt', 'png', 'jpg'];

const entry = (url: string): MaterialEntry => ({
  title: url,
  kind: 'link',
  url,
  source: 'link',
  addedBy: 'p1',
  addedAt: '2027-01-10T09:00:00.000Z',
});

describe('a material link', () => {
  it.each([
    ['http://example.org/a.pdf', 'not-https'],
    ['ftp://example.org/a.pdf', 'not-https'],
    ['javascript:alert(1)', 'not-https'],
    ['example.org/a.pdf', 'malformed'],
    ['https://', 'malformed'],
    ['https://exa mple.org/a.pdf', 'malformed'],
    ['https://user:pw@example.org/a.pdf', 'malformed'],
    ['https://example.org/virus.exe', 'type-not-allowed'],
    [
      'https://kombit.sharepoint.com/:w:/r/sites/fki/_layouts/15/Doc.aspx?file=Makro.docm',
      'type-not-allowed',
    ],
  ])('%s is refused: %s', (url, code) => {
    expect(checkLink(url, ALLOWED)).toEqual({ ok: false, code });
  });

  it('takes the kind from the file name, the SharePoint file parameter, or calls a web page a link', () => {
    expect(checkLink('https://example.org/docs/Budget%202027.pdf', ALLOWED)).toMatchObject({
      ok: true,
      kind: 'pdf',
      defaultTitle: 'Budget 2027.pdf',
    });
    expect(
      checkLink(
        'https://kombit.sharepoint.com/:w:/r/sites/fki/_layouts/15/Doc.aspx?file=Notat.DOCX&a=1',
        ALLOWED,
      ),
    ).toMatchObject({ ok: true, kind: 'docx', defaultTitle: 'Notat.DOCX' });
    expect(checkLink('https://kombit.sharepoint.com/sites/fki/SitePages/Home.aspx', ALLOWED)).toMatchObject({
      ok: true,
      kind: 'link',
    });
    expect(checkLink('https://www.kombit.dk/', ALLOWED)).toMatchObject({ ok: true, kind: 'link' });
  });
});

describe('the form material lines', () => {
  it('reads "title | url" and the URL alone, one a line, skipping empty lines', () => {
    const parsed = parseMaterialLines(
      'Budget | https://example.org/b.xlsx\n\n  https://example.org/notat.pdf  \r\nhttps://www.kombit.dk',
      ALLOWED,
    );
    expect(parsed).toEqual({
      ok: true,
      links: [
        { title: 'Budget', url: 'https://example.org/b.xlsx', kind: 'xlsx' },
        { title: 'notat.pdf', url: 'https://example.org/notat.pdf', kind: 'pdf' },
        { title: 'www.kombit.dk', url: 'https://www.kombit.dk/', kind: 'link' },
      ],
    });
  });

  it('names every wrong line with its number at once', () => {
    const parsed = parseMaterialLines(
      'ok | https://example.org/a.pdf\nhttp://x.dk/b.pdf\nX | https://x.dk/c.exe',
      ALLOWED,
    );
    expect(parsed).toEqual({
      ok: false,
      errors: [
        { code: 'not-https', params: { line: 2, allowed: ALLOWED.join(', ') } },
        { code: 'type-not-allowed', params: { line: 3, allowed: ALLOWED.join(', ') } },
      ],
    });
  });

  it('on the proposal form: field errors, and more than the governance maximum refused', () => {
    expect(proposalMaterialOf('nonsense', fki).errors).toEqual([
      { field: 'material', code: 'material-malformed', params: { line: 1, allowed: ALLOWED.join(', ') } },
    ]);
    const eleven = Array.from({ length: 11 }, (_, i) => `https://example.org/${i}.pdf`).join('\n');
    expect(proposalMaterialOf(eleven, fki).errors).toEqual([
      { field: 'material', code: 'material-too-many', params: { max: 10 } },
    ]);
    expect(proposalMaterialOf('', fki)).toEqual({ links: [], errors: [] });
  });
});

describe('a Teams file', () => {
  const file = {
    name: 'Notat.pdf',
    uniqueId: 'u-1',
    fileType: 'pdf',
    contentUrl: 'https://kombit-my.sharepoint.com/personal/a/Documents/Notat.pdf',
  };
  it('is taken when its type is allowed and its place is https', () => {
    expect(checkTeamsFile(file, ALLOWED)).toEqual({ ok: true, kind: 'pdf' });
  });
  it('is refused for a type the governance file does not allow, or without an https place', () => {
    expect(checkTeamsFile({ ...file, name: 'x.zip', fileType: 'zip' }, ALLOWED)).toEqual({
      ok: false,
      code: 'type-not-allowed',
    });
    expect(checkTeamsFile({ ...file, contentUrl: 'http://x.dk/Notat.pdf' }, ALLOWED)).toEqual({
      ok: false,
      code: 'not-https',
    });
  });
});

describe('the governance file', () => {
  it('defaults the allowed types and maximum, and takes its own (normalised)', () => {
    expect(fki.material).toEqual({ allowedFileTypes: ALLOWED, maxItemsPerProposal: 10 });
    const input = {
      bodies: [{ id: 's', kind: 'board', name: { da: 'S', en: 'S' } }],
      standardAgenda: [],
      annualWheel: {},
    };
    expect(governanceSchema.parse(input).material).toEqual({
      allowedFileTypes: ALLOWED,
      maxItemsPerProposal: 10,
    });
    const own = governanceSchema.parse({ ...input, material: { allowedFileTypes: ['.PDF', 'odt'] } });
    expect(own.material).toEqual({ allowedFileTypes: ['pdf', 'odt'], maxItemsPerProposal: 10 });
    expect(governanceSchema.safeParse({ ...input, material: { allowedFileTypes: ['p d f'] } }).success).toBe(
      false,
    );
  });
});

describe('a proposal material', () => {
  it('reads an old proposal single materialUrl as a link entry', () => {
    const old = {
      materialUrl: 'https://example.org/a.pdf',
      proposerId: 'p1',
      submittedAt: '2027-01-01T00:00:00.000Z',
    };
    expect(materialOf(old)).toEqual([
      {
        title: 'a.pdf',
        kind: 'pdf',
        url: 'https://example.org/a.pdf',
        source: 'link',
        addedBy: 'p1',
        addedAt: '2027-01-01T00:00:00.000Z',
      },
    ]);
  });

  it('adds a URL once, and refuses going over the maximum (adding nothing)', () => {
    const one = addMaterial([entry('https://a.dk/1')], [entry('https://a.dk/1'), entry('https://a.dk/2')], 2);
    expect(one).toMatchObject({ ok: true, added: 1 });
    expect(
      addMaterial([entry('https://a.dk/1'), entry('https://a.dk/2')], [entry('https://a.dk/3')], 2),
    ).toEqual({
      ok: false,
      error: { code: 'too-many', params: { max: 2 } },
    });
  });
});
