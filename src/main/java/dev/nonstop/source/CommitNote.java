package dev.nonstop.source;

/** The first line of a commit's message and its author's name, as a build's history shows them. */
public record CommitNote(String message, String author) {
}
