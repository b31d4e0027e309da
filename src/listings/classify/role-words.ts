// A gender marker or neutral ending after a role word: "Ingénieur(e)", "Desenvolvedor/a", "Entwickler:in".
const MARKER = String.raw`(?:\s?\([ae]\)|\/[ae]|[:*]in)?`;
const ENGINEER = String.raw`(?:engenheir[oa]|ingenier[oa]|ing[ée]nieure?|ingegnere|ingenieur(?:in)?)${MARKER}`;
// Romance languages name the field after the role, with a preposition: "Engenheiro de Dados".
const OF = String.raw`\s+(?:de|di|en|des|da|do)\s+`;

/**
 * Role words of other languages as the English ones the rules use (as seniority.ts does for level
 * words): Himalayas and the ATS boards carry Portuguese, Spanish, French, Italian, German and Dutch
 * titles ("Desenvolvedor Java Pleno", "Engenheiro de Dados", "Softwareentwickler Backend (m/w/d)").
 * The fields come first, so "Engenheiro de Dados" reads "Data Engineer", as BACKEND_TITLE spells it.
 * A bare "Analista" stays: in Latin America an "Analista de Sistemas" or "Analista Desenvolvedor" is
 * often a developer, so it is not read as an analyst.
 */
const ROLE_WORDS: ReadonlyArray<[RegExp, string]> = [
  [new RegExp(String.raw`\b${ENGINEER}${OF}(?:dados|datos|donn[ée]es|dati)\b`, "gi"), "Data Engineer"],
  [new RegExp(String.raw`\b${ENGINEER}${OF}(?:software|logiciels?)\b`, "gi"), "Software Engineer"],
  [
    new RegExp(
      String.raw`\b${ENGINEER}${OF}(?:ia|intelig[êe]ncia artificial|intelligence artificielle|intelligenza artificiale)\b`,
      "gi",
    ),
    "AI Engineer",
  ],
  [/\b(?:cientista|cient[íi]fic[oa]|scientifique)\s+(?:de\s+|des\s+)?(?:dados|datos|donn[ée]es)\b/gi, "Data Scientist"],
  [/\b(?:analista|analyste)\s+(?:de\s+|des\s+)?(?:dados|datos|donn[ée]es)\b/gi, "Data Analyst"],
  [/\bsoftware-?entwickler(?:in)?\b/gi, "Software Developer"],
  [
    new RegExp(
      String.raw`\b(?:pessoa\s+)?(?:desenvolvedor[a]?|desarrollador[a]?|d[ée]veloppeu(?:r|se)|sviluppatore|sviluppatrice|programador[a]?|programmeu(?:r|se)|ontwikkelaar|entwickler(?:in)?)${MARKER}`,
      "gi",
    ),
    "Developer",
  ],
  [new RegExp(String.raw`\b${ENGINEER}`, "gi"), "Engineer"],
  [/\b(?:arquitet[oa]|arquitect[oa]|architecte)\b/gi, "Architect"],
];

/** The title with its role words in English; English titles come back unchanged. */
export function englishRoleWords(title: string): string {
  return ROLE_WORDS.reduce((text, [pattern, english]) => text.replace(pattern, english), title);
}
