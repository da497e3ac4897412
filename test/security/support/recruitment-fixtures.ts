/** Recruitments the security tests act on: fresh per use, so one cell never depends on another. */
import { randomUUID } from 'node:crypto';
import type { App } from '../../../src/app/compose';

const GROUP = 'steering';

/** A municipality of the register (one is imported when the register is empty). */
async function municipalityCode(app: App): Promise<string> {
  const listed = await app.services.municipalities.list();
  if (listed.length > 0) return listed[0]!.code;
  await app.services.municipalities.importCsv(
    'code,name,citizens,k98Group\n101,København,650000,Hovedstaden\n',
    {
      dryRun: false,
      actorId: 'p-secretariat',
    },
  );
  return '101';
}

/** The seat card's open button data, for a seat the steering group has vacant. */
export async function openRecruitmentData(app: App): Promise<Record<string, string>> {
  const [seat] = await app.services.recruitment.seats(GROUP);
  if (!seat) throw new Error('fixture: the steering group has no vacant seat');
  return { groupId: GROUP, cardInstanceId: randomUUID(), seat: seat.key };
}

/** An open recruitment of the steering group. */
export async function freshRecruitment(app: App): Promise<{ groupId: string; recruitmentId: string }> {
  const data = await openRecruitmentData(app);
  const result = await app.services.recruitment.open({
    cardInstanceId: data.cardInstanceId!,
    groupId: GROUP,
    seatKey: data.seat!,
    actorId: 'p-secretariat',
  });
  if (result.kind !== 'opened') throw new Error(`fixture recruitment not opened: ${result.kind}`);
  return { groupId: GROUP, recruitmentId: result.recruitment.id };
}

/** The registration form as its card sends it. */
export async function validCandidateForm(app: App): Promise<Record<string, string>> {
  return {
    ...(await freshRecruitment(app)),
    name: 'Kandidat Karla',
    email: `karla-${randomUUID().slice(0, 8)}@kommune.dk`,
    municipalityCode: await municipalityCode(app),
    competences: 'Digitalisering og arkitektur.',
    assessment: 'Matcher profilen.',
  };
}

/** A registered candidate of an open recruitment: the appoint button's data. */
export async function freshCandidate(app: App): Promise<Record<string, string>> {
  const form = await validCandidateForm(app);
  const result = await app.services.recruitment.register({
    groupId: form.groupId!,
    recruitmentId: form.recruitmentId!,
    fields: {
      name: form.name!,
      email: form.email!,
      municipalityCode: form.municipalityCode!,
      competences: form.competences!,
      assessment: form.assessment!,
    },
    actorId: 'p-secretariat',
  });
  if (result.kind !== 'registered') throw new Error(`fixture candidate not registered: ${result.kind}`);
  return {
    groupId: form.groupId!,
    recruitmentId: form.recruitmentId!,
    candidateId: result.recruitment.candidates[0]!.id,
  };
}
