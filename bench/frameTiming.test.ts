import { describe, expect, it } from 'vitest';
import { inVsyncs, missedFrames, vsyncInterval } from './frameTiming.ts';

describe('frame timing in vsyncs', () => {
  const idle = [16.6, 16.7, 16.7, 16.8, 16.6, 16.7, 16.5];

  it('takes the idle page’s median interval as the vsync', () => {
    expect(vsyncInterval(idle)).toBe(16.7);
    expect(() => vsyncInterval([])).toThrow(/no idle frames/);
  });

  it('counts on-time jittered frames as one vsync and late frames as the vsyncs they spanned', () => {
    const scroll = [16.8, 16.6, 33.4, 16.7, 50.0, 8.3];
    expect(inVsyncs(scroll, 16.7)).toEqual([16.7, 16.7, 33.4, 16.7, 16.7 * 3, 16.7]);
    expect(missedFrames(scroll, 16.7)).toBe(2);
    expect(missedFrames([16.8, 16.6, 16.7], 16.7)).toBe(0);
  });
});
