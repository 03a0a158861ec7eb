/**
 * The web pages: Thymeleaf + htmx, Chinese first with an English switch.
 */
package org.warmline.web;
