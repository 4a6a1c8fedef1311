// Words of a message for both the classifier and the baseline: the subject, then the body with
// quoted-printable soft line breaks undone, lowercased, split into runs of letters and digits
// (HTML tag names stay words: that a mail is HTML is evidence).
export function tokensOf(subject: string, body: string): string[] {
  const text = `${subject}\n${body}`.replace(/=\n/g, "").replace(/=3D/gi, "=").toLowerCase();
  return text.match(/[a-z0-9$]+/g) ?? [];
}
