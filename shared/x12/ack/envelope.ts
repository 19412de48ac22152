import { type X12Stamp, x12Stamp } from '../837p/text.ts';
import type { WriterDelimiters } from '../segmentWriter.ts';
import { X12Writer } from '../segmentWriter.ts';

/** One side of an interchange: ISA05/06 (or ISA07/08) and GS02 (or GS03). */
export interface AckParty {
  /** ISA qualifier: 'ZZ' mutually defined, '30' federal tax ID, … */
  qualifier: string;
  /** ISA06 / ISA08 (≤ 15 characters). */
  id: string;
  /** GS02 / GS03; defaults to `id`. */
  gsCode?: string;
}

/**
 * The envelope of a file a clearinghouse or payer sends back (999, 277CA, 835): who sends it, who gets
 * it (usually the 837's sender and receiver swapped), its own control numbers, and when it was made.
 */
export interface AckEnvelope {
  sender: AckParty;
  receiver: AckParty;
  /** ISA13 of this file: the sender's own sequence, 1…999,999,999. */
  interchangeControlNumber: number;
  /** GS06 of this file. */
  groupControlNumber: number;
  /** ISA15, usually the acknowledged file's. */
  usage: 'T' | 'P';
  /** When the file is made, a UTC instant (`YYYY-MM-DDTHH:MM:SSZ`). */
  at: string;
  /** A newline after each segment terminator (default true). */
  lineBreaks?: boolean;
  delimiters?: Partial<WriterDelimiters>;
}

/** Opens ISA and GS for an acknowledgment file; the caller writes the sets and closes both. */
export function openAck(
  envelope: AckEnvelope,
  functionalId: string,
  version: string,
): { w: X12Writer; stamp: X12Stamp } {
  const stamp = x12Stamp(envelope.at);
  const w = new X12Writer({
    lineBreaks: envelope.lineBreaks ?? true,
    ...(envelope.delimiters ? { delimiters: envelope.delimiters } : {}),
  });
  w.beginInterchange({
    senderQualifier: envelope.sender.qualifier,
    senderId: envelope.sender.id,
    receiverQualifier: envelope.receiver.qualifier,
    receiverId: envelope.receiver.id,
    date: stamp.date.slice(2),
    time: stamp.time,
    controlNumber: envelope.interchangeControlNumber,
    usage: envelope.usage,
  });
  w.beginGroup({
    functionalId,
    senderCode: envelope.sender.gsCode ?? envelope.sender.id,
    receiverCode: envelope.receiver.gsCode ?? envelope.receiver.id,
    date: stamp.date,
    time: stamp.time,
    controlNumber: envelope.groupControlNumber,
    version,
  });
  return { w, stamp };
}

/** Closes GS and ISA and returns the file. */
export function closeAck(w: X12Writer): string {
  w.endGroup();
  w.endInterchange();
  return w.toString();
}
