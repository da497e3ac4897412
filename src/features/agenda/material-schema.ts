/**
 * How a proposal document stores its material (bilag): a list of entries, optional so documents
 * written before material existed (with at most one `materialUrl`) still read.
 */
import { z } from 'zod';
import type { MaterialEntry } from './domain/material';
import { isoInstant } from '../../platform/storage/schemas';

export const materialEntrySchema: z.ZodType<MaterialEntry> = z.object({
  title: z.string().min(1),
  kind: z.string().min(1),
  url: z.string().min(1),
  source: z.enum(['link', 'teams-file']),
  file: z
    .object({
      name: z.string().min(1),
      uniqueId: z.string(),
      fileType: z.string(),
      contentUrl: z.string().min(1),
      size: z.number().int().nonnegative().optional(),
    })
    .optional(),
  addedBy: z.string().min(1),
  addedAt: isoInstant,
});

export const materialListSchema = z.array(materialEntrySchema).optional();
