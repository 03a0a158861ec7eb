package org.warmline.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page's layout ({@code templates/fragments/layout.html}) and its templates need, added to each page as it
 * is rendered: the signed-in user for the navigation bar ({@code nav}) and the desk's date format ({@code fmt}).
 *
 * <p>An interceptor rather than {@code @ModelAttribute} methods of a controller advice: those run for every handler,
 * the API's JSON endpoints included, which then paid for a model they never render (a measurable share of an online
 * intake's time, docs/benchmarks.md). Here only responses with a view get the attributes; a redirect gets none.
 */
class LayoutModel implements HandlerInterceptor {

    private final DeskFormat format;

    LayoutModel(DeskFormat format) {
        this.format = format;
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                           ModelAndView page) {
        if (page == null || !page.hasView()) {
            return;
        }
        String name = page.getViewName();
        if (name != null && (name.startsWith("redirect:") || name.startsWith("forward:"))) {
            return;
        }
        if (!page.getModel().containsKey("nav")) {
            page.addObject("nav", LayoutAdvice.nav());
        }
        if (!page.getModel().containsKey("fmt")) {
            page.addObject("fmt", format);
        }
    }
}
