package org.warmline.organization;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.LedgerException;
import org.warmline.ledger.LedgerProblem;
import org.warmline.ledger.LedgerReader;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeLoader;

/**
 * {@code /admin/import}: imports the units and staff of a ledger workbook (docs/ledger.md), all or nothing. Any problem
 * of the workbook, or of the tree it would make together with the units already stored, is listed as
 * {@code FILE:ROW:COLUMN: message} and nothing changes. Cases are not imported here.
 */
@Controller
@RequestMapping("/admin/import")
class ImportController {

    static final String VIEW_IMPORT = "organization/import";

    private static final Logger log = LoggerFactory.getLogger(ImportController.class);

    private final OrganizationStore store;
    private final OrganizationChecks checks;
    private final TransactionTemplate transaction;
    private final Scheme scheme = SchemeLoader.defaultScheme();

    ImportController(OrganizationStore store, OrganizationChecks checks, PlatformTransactionManager transactions) {
        this.store = store;
        this.checks = checks;
        this.transaction = new TransactionTemplate(transactions);
    }

    @GetMapping
    String form() {
        return VIEW_IMPORT;
    }

    @PostMapping
    String upload(@RequestParam(name = "file", required = false) MultipartFile file, Locale locale, Model model,
            RedirectAttributes redirect) {
        if (file == null || file.isEmpty()) {
            model.addAttribute("error", "import.noFile");
            return VIEW_IMPORT;
        }
        String name = fileName(file.getOriginalFilename());
        if (!name.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            model.addAttribute("error", "import.notXlsx");
            return VIEW_IMPORT;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("warmline-import");
            Path workbook = dir.resolve(name);
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, workbook);
            }
            DataSet data = new LedgerReader(scheme, locale).readOrganization(workbook).data();
            // checked against the stored organisation and saved in one transaction
            List<LedgerProblem> problems = transaction.execute(status -> {
                List<LedgerProblem> found = checks.againstStored(name, data.units(), data.staff(), locale);
                if (found.isEmpty()) {
                    store.saveAll(data.units(), data.staff());
                }
                return found;
            });
            if (!problems.isEmpty()) {
                model.addAttribute("problems", problems.stream().map(LedgerProblem::toString).toList());
                return VIEW_IMPORT;
            }
            redirect.addFlashAttribute("message", "import.done");
            redirect.addFlashAttribute("messageArg", data.units().size());
            redirect.addFlashAttribute("messageArg2", data.staff().size());
            return "redirect:/admin/import";
        } catch (LedgerException e) {
            model.addAttribute("problems", e.problems().stream().map(LedgerProblem::toString).toList());
            return VIEW_IMPORT;
        } catch (IOException | DataAccessException | IllegalArgumentException e) {
            log.warn("import of {} failed", name, e);
            model.addAttribute("error", "import.failed");
            return VIEW_IMPORT;
        } finally {
            delete(dir);
        }
    }

    /** The uploaded file's own name, without any folder, safe as a file name. */
    static String fileName(String original) {
        String name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}:*?\"<>|]", "_").trim();
        if (name.isEmpty() || name.startsWith(".")) {
            name = "ledger" + name;
        }
        return name.length() > 100 ? name.substring(name.length() - 100) : name;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("cannot delete {}", dir, e);
        }
    }
}
