import { forEachSegment } from '../tokenize.ts';

/**
 * The envelope's own arithmetic, re-read from the text: per set SE01 = its segment count (ST to SE)
 * and SE02 = ST02; per group GE01 = its sets and GE02 = GS06; IEA01 = the groups and IEA02 = ISA13.
 * Returns one line per disagreement (segment ids and numbers only), [] when all agree. Throws an
 * X12SyntaxError when the text does not tokenize.
 */
export function envelopeProblems(text: string): string[] {
  const problems: string[] = [];
  let isa13 = '';
  let gs06 = '';
  let st02 = '';
  let groups = 0;
  let sets = 0;
  let segments = 0;
  let inSet = false;
  forEachSegment(text, (seg) => {
    const e = seg.elements;
    if (inSet) segments++;
    switch (seg.id) {
      case 'ISA':
        isa13 = e[13] ?? '';
        break;
      case 'GS':
        groups++;
        sets = 0;
        gs06 = e[6] ?? '';
        break;
      case 'ST':
        if (inSet) problems.push(`ST at line ${seg.line}: the previous set has no SE`);
        inSet = true;
        sets++;
        segments = 1;
        st02 = e[2] ?? '';
        break;
      case 'SE':
        if (e[1] !== String(segments))
          problems.push(`SE at line ${seg.line}: SE01 ${e[1]} but ${segments} segments`);
        if (e[2] !== st02) problems.push(`SE at line ${seg.line}: SE02 ${e[2]} but ST02 ${st02}`);
        inSet = false;
        break;
      case 'GE':
        if (e[1] !== String(sets)) problems.push(`GE at line ${seg.line}: GE01 ${e[1]} but ${sets} sets`);
        if (e[2] !== gs06) problems.push(`GE at line ${seg.line}: GE02 ${e[2]} but GS06 ${gs06}`);
        break;
      case 'IEA':
        if (e[1] !== String(groups))
          problems.push(`IEA at line ${seg.line}: IEA01 ${e[1]} but ${groups} groups`);
        if (e[2] !== isa13) problems.push(`IEA at line ${seg.line}: IEA02 ${e[2]} but ISA13 ${isa13}`);
        break;
    }
  });
  return problems;
}
