package io.nootropic.context.eval;

/// One evaluation query: a method's doc summary and where the method is.
///
/// @param query    the first sentence of the method's documentation
/// @param path     workspace-relative path of the file
/// @param method   the method's name
/// @param nameLine the line of the method's name (a hit is correct when its range covers it)
/// @param endLine  the method's last line
public record DocQuery(String query, String path, String method, int nameLine, int endLine) { }
