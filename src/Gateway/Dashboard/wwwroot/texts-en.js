// English: the page's own sentences. The node's sentences come with their English from the API (src/Gateway/Texts).
export default {
  ARTICLE: "Art. {n}",
  LIST_EMPTY: "No message matches the filters.",
  SEARCH_NOTHING: "No message id or correlation id is '{term}', and no kind or body name contains it.",
  SEARCH_NO_KIND: "No kind name contains '{term}'.",
  SEARCH_NO_BODY: "No registered body contains '{term}'; showing the messages of a body with exactly that id.",
  UNKNOWN_ID: "There is no message with the id '{id}' (or you may not see it).",
};
