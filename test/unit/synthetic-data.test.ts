import { describe, expect, it } from 'vitest';
import { syntheticDocuments } from '../../content/generate-synthetic';

describe('the synthetic benchmark dataset', () => {
  it('is generated from the sample pools, with places from the gazetteer, in every covered area', () => {
    const docs = [...syntheticDocuments(300)];
    const services = docs.filter((doc) => doc._type === 'service');
    expect(services.length).toBe(300);
    const areas = docs.filter((doc) => doc._type === 'area').map((doc) => (doc as { name?: string }).name);
    expect(areas).toEqual(expect.arrayContaining(['Haringey', 'Luton', 'Bedford']));
  });
});
