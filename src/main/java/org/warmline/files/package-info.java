/**
 * Uploaded files: one checker for every upload of the desk (case evidence, training records) that types a file by its
 * content with Apache Tika, never by its name or the type the browser claims, and refuses what is too large, a bomb
 * (an image of too many pixels read from its header before anything decodes it, an Office or PDF file that inflates
 * beyond a limit), an Office file with a DOCTYPE declaration or macros, SVG and HTML, and names with path parts or
 * control characters; the removal of location data from photos; small preview images; and one storage interface
 * ({@link org.warmline.files.FileStore}) with the database as its default implementation.
 */
package org.warmline.files;
