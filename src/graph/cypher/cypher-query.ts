/** A named, parameterised Cypher statement. The name leads the text as a comment, so logs and PROFILE show it. */
export interface CypherQuery {
  readonly name: string;
  readonly text: string;
}

/**
 * Declares a Cypher statement. The text must be static: values travel as `$parameters`.
 *
 * @example
 * const FIND_ACTOR = cypher('findActorById', 'MATCH (a:Actor {id: $id}) RETURN a');
 */
export function cypher(name: string, text: string): CypherQuery {
  return Object.freeze({ name, text: `// ${name}\n${text.trim()}` });
}
