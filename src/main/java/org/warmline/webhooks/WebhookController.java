package org.warmline.webhooks;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/webhooks} (ADMIN): the endpoints and their registration (the secret shown once, on the page the
 * registration leads to), and per endpoint its events, pause and resume, a new secret, removal, and the delivery log
 * (newest first) with a button to deliver one again or every given-up one.
 */
@Controller
@RequestMapping("/admin/webhooks")
class WebhookController {

    static final String VIEW_LIST = "webhooks/list";
    static final String VIEW_ONE = "webhooks/endpoint";
    /** The deliveries the log page lists (newest first). */
    static final int LOG_SIZE = 100;

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final MessageSource messages;

    WebhookController(WebhookEndpoints endpoints, WebhookDeliveries deliveries, MessageSource messages) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.messages = messages;
    }

    @ModelAttribute("eventTypes")
    List<WebhookEvent> eventTypes() {
        return List.of(WebhookEvent.values());
    }

    @GetMapping
    String list(Model model) {
        if (!model.containsAttribute("webhookForm")) {
            WebhookForm form = new WebhookForm();
            form.setEvents(List.of(WebhookEvent.CASE_COMPLETED.type()));
            model.addAttribute("webhookForm", form);
        }
        model.addAttribute("endpoints", endpoints.all());
        model.addAttribute("allowInternal", endpoints.allowsInternalAddresses());
        return VIEW_LIST;
    }

    @PostMapping
    String register(@ModelAttribute("webhookForm") WebhookForm form, Principal principal, Locale locale, Model model,
                    RedirectAttributes redirect) {
        try {
            WebhookEndpoints.Registered registered = endpoints.register(form.getUrl(), form.getDescription(),
                    form.chosen(), principal.getName(), Instant.now());
            redirect.addFlashAttribute("secret", registered.secret());
            redirect.addFlashAttribute("message", "webhook.registered");
            redirect.addFlashAttribute("messageArg", registered.endpoint().url());
            return "redirect:/admin/webhooks/" + registered.endpoint().id();
        } catch (WebhookRefused e) {
            refused(e, locale, model);
            return list(model);
        }
    }

    @GetMapping("/{id}")
    String endpoint(@PathVariable long id, Model model) {
        WebhookEndpoint endpoint = endpoints.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("endpoint", endpoint);
        if (!model.containsAttribute("webhookForm")) {
            WebhookForm form = new WebhookForm();
            form.setUrl(endpoint.url());
            form.setDescription(endpoint.description());
            form.setEvents(endpoint.events().stream().map(WebhookEvent::type).toList());
            model.addAttribute("webhookForm", form);
        }
        model.addAttribute("deliveries", deliveries.log(id, LOG_SIZE));
        model.addAttribute("counts", deliveries.counts(id));
        model.addAttribute("logSize", LOG_SIZE);
        return VIEW_ONE;
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @ModelAttribute("webhookForm") WebhookForm form, Locale locale, Model model,
                  RedirectAttributes redirect) {
        requireEndpoint(id);
        try {
            endpoints.update(id, form.getDescription(), form.chosen());
            redirect.addFlashAttribute("message", "webhook.updated");
            return "redirect:/admin/webhooks/" + id;
        } catch (WebhookRefused e) {
            refused(e, locale, model);
            return endpoint(id, model);
        }
    }

    @PostMapping("/{id}/enabled")
    String enable(@PathVariable long id, @RequestParam(defaultValue = "false") boolean enabled,
                  RedirectAttributes redirect) {
        requireEndpoint(id);
        endpoints.enable(id, enabled);
        redirect.addFlashAttribute("message", enabled ? "webhook.enabled" : "webhook.paused");
        return "redirect:/admin/webhooks/" + id;
    }

    @PostMapping("/{id}/secret")
    String renewSecret(@PathVariable long id, RedirectAttributes redirect) {
        requireEndpoint(id);
        WebhookEndpoints.Registered renewed = endpoints.renewSecret(id);
        redirect.addFlashAttribute("secret", renewed.secret());
        redirect.addFlashAttribute("message", "webhook.secretRenewed");
        return "redirect:/admin/webhooks/" + id;
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirm,
                  RedirectAttributes redirect) {
        WebhookEndpoint endpoint = requireEndpoint(id);
        if (!confirm) {
            redirect.addFlashAttribute("failure", "webhook.delete.notConfirmed");
            return "redirect:/admin/webhooks/" + id;
        }
        endpoints.delete(id);
        redirect.addFlashAttribute("message", "webhook.deleted");
        redirect.addFlashAttribute("messageArg", endpoint.url());
        return "redirect:/admin/webhooks";
    }

    @PostMapping("/{id}/redeliver-failed")
    String redeliverFailed(@PathVariable long id, RedirectAttributes redirect) {
        requireEndpoint(id);
        int queued = deliveries.redeliverFailed(id, Instant.now());
        redirect.addFlashAttribute("message", "webhook.redeliveredFailed");
        redirect.addFlashAttribute("messageArg", queued);
        return "redirect:/admin/webhooks/" + id;
    }

    @PostMapping("/deliveries/{deliveryId}/redeliver")
    String redeliver(@PathVariable long deliveryId, RedirectAttributes redirect) {
        WebhookDeliveries.Delivery delivery = deliveries.find(deliveryId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (deliveries.redeliver(deliveryId, Instant.now())) {
            redirect.addFlashAttribute("message", "webhook.redelivered");
            redirect.addFlashAttribute("messageArg", delivery.messageId());
        } else {
            redirect.addFlashAttribute("failure", "webhook.refused.pending");
            redirect.addFlashAttribute("failureArg", delivery.messageId());
        }
        return "redirect:/admin/webhooks/" + delivery.endpointId();
    }

    private WebhookEndpoint requireEndpoint(long id) {
        return endpoints.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private void refused(WebhookRefused e, Locale locale, Model model) {
        model.addAttribute("error", messages.getMessage(e.key(), e.args(), locale));
        model.addAttribute("errorField", e.field());
    }
}
