/**
 * HTML character references. Sources send titles and descriptions with entities
 * (`&amp;`, `&#x2F;`, `&rsquo;`), sometimes escaped twice (Greenhouse `content`).
 */
const NAMED_ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", ensp: " ", emsp: " ", thinsp: " ",
  ndash: "–", mdash: "—", hellip: "…", bull: "•", middot: "·", rsquo: "’", lsquo: "‘",
  rdquo: "”", ldquo: "“", sbquo: "‚", bdquo: "„", laquo: "«", raquo: "»", prime: "′",
  euro: "€", pound: "£", yen: "¥", cent: "¢", copy: "©", reg: "®", trade: "™", deg: "°",
  times: "×", divide: "÷", plusmn: "±", frac12: "½", frac14: "¼", frac34: "¾", sect: "§",
  para: "¶", shy: "", zwj: "", zwnj: "", iexcl: "¡", iquest: "¿", tilde: "˜", circ: "ˆ",
  aacute: "á", agrave: "à", acirc: "â", auml: "ä", atilde: "ã", aring: "å", aelig: "æ",
  ccedil: "ç", eacute: "é", egrave: "è", ecirc: "ê", euml: "ë", iacute: "í", igrave: "ì",
  icirc: "î", iuml: "ï", ntilde: "ñ", oacute: "ó", ograve: "ò", ocirc: "ô", ouml: "ö",
  otilde: "õ", oslash: "ø", uacute: "ú", ugrave: "ù", ucirc: "û", uuml: "ü", yacute: "ý",
  szlig: "ß", Aacute: "Á", Agrave: "À", Auml: "Ä", Eacute: "É", Ouml: "Ö", Uuml: "Ü",
  Ccedil: "Ç", Ntilde: "Ñ", Oslash: "Ø", Aring: "Å", AElig: "Æ", rarr: "→", larr: "←",
  check: "✓", hearts: "♥", star: "☆", colon: ":", comma: ",", period: ".", sol: "/",
  lpar: "(", rpar: ")", num: "#", dollar: "$", percnt: "%", excl: "!", quest: "?",
};

const ENTITY = /&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);?/gi;

/** Decodes named, decimal and hex character references once; unknown names stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      // Lone surrogates and out-of-range code points would make invalid strings.
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "";
      return String.fromCodePoint(code);
    }
    const named = NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()];
    return named ?? whole;
  });
}

const MOJIBAKE_HINT = /[ÃÂâãäåæçèéêëïð][\u0080-\u00bf]/;

/**
 * Repairs UTF-8 text that was decoded as Latin-1 upstream (Remote OK sends "Ã©" for "é"
 * and "ã\u0081«" for "に"). Only applied when the whole string re-encodes to valid UTF-8,
 * so correct text is never touched.
 */
export function repairMojibake(text: string): string {
  if (!MOJIBAKE_HINT.test(text)) return text;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) return text;
    bytes[i] = code;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return text;
  }
}
