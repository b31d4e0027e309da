/**
 * Words that open a listing's optional section ("Nice to have", "Bonus points", "Preferred
 * skills"): its lines name extras, not what the role asks for or works on. One list for every
 * facet that leaves such sections out (stacks, seniority through stacks, focus).
 */
export const OPTIONAL_HEADING =
  /\b(nice[- ]to[- ]haves?|bonus( points)?|pluses|plus points|preferred( qualifications| skills| experience)?|good to have|extra credit|would be (great|nice)|stand out|not required|desirable|desired|might (also )?have|would love|great if|ideally|advantageous|optional)\b/i;
