/** Names typed as a list (roles, departments): split at commas, Chinese commas and spaces. */
export function nameList(text: string): string[] {
  return text
    .split(/[,，、\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}
