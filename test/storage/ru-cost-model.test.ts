import { estimateRequestUnits } from '../../src/platform/storage/cosmos/ru-cost-model';

describe('the published Cosmos cost model', () => {
  it('charges a point read of up to 1 KB one RU and follows the table beyond it', () => {
    expect(estimateRequestUnits({ kind: 'read', bytes: 200 })).toBe(1);
    expect(estimateRequestUnits({ kind: 'read', bytes: 1024 })).toBe(1);
    expect(estimateRequestUnits({ kind: 'read', bytes: 100 * 1024 })).toBeCloseTo(
      4.76 + ((9.95 - 4.76) * 36) / 64,
      5,
    );
  });

  it('charges a write of 1 KB about 5 RU and interpolates between the published sizes', () => {
    expect(estimateRequestUnits({ kind: 'write', bytes: 900 })).toBe(4.95);
    expect(estimateRequestUnits({ kind: 'write', bytes: 3 * 1024 })).toBeCloseTo((6.29 + 6.67) / 2, 5);
    expect(estimateRequestUnits({ kind: 'write', bytes: 4096 * 1024 })).toBeCloseTo(2500, 5);
  });

  it('charges a query its fixed part plus a point read per returned item', () => {
    expect(estimateRequestUnits({ kind: 'query', returnedBytes: [] })).toBeCloseTo(2.3, 5);
    expect(estimateRequestUnits({ kind: 'query', returnedBytes: [500, 2048] })).toBeCloseTo(
      2.3 + 1 + 1.04,
      5,
    );
  });

  it('charges a batch the sum of its operations and a refused request one read', () => {
    const batch = estimateRequestUnits({
      kind: 'batch',
      operations: [
        { kind: 'write', bytes: 1024 },
        { kind: 'write', bytes: 2048 },
      ],
    });
    expect(batch).toBeCloseTo(4.95 + 6.29, 5);
    expect(estimateRequestUnits({ kind: 'refused' })).toBe(1);
  });
});
