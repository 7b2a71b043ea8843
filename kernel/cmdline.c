/*
 * Parsing the kernel command line into key/value pairs (cmdline.h).
 * The line is copied and split in place; values stay valid forever.
 * Words that are not `key=value` (multiboot1 loaders prepend the kernel
 * path) are kept as keys with empty values and otherwise ignored.
 */
#include <tern/bootinfo.h>
#include <tern/cmdline.h>
#include <tern/printk.h>
#include <tern/string.h>

#define MAX_PARAMS 64

struct param {
	const char *key;
	const char *value;
};

static char buf[BOOT_CMDLINE_LEN];
static struct param params[MAX_PARAMS];
static int nr_params;

struct kernel_params kernel_params = {
	.console = "ttyS0",
	.init = "/init",
};

const char *cmdline_get(const char *key)
{
	for (int i = nr_params - 1; i >= 0; i--)
		if (!strcmp(params[i].key, key))
			return params[i].value;
	return NULL;
}

void cmdline_parse(const char *cmdline)
{
	char *p = buf;

	strlcpy(buf, cmdline, sizeof(buf));
	while (*p && nr_params < MAX_PARAMS) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (!*p)
			break;
		char *word = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = '\0';
		char *eq = strchr(word, '=');
		if (eq)
			*eq = '\0';
		params[nr_params++] = (struct param){ word, eq ? eq + 1 : "" };
	}

	const char *v;
	if ((v = cmdline_get("loglevel"))) {
		char *end;
		unsigned long level = strtoul(v, &end, 10);
		if (*v && !*end && level <= 8)
			console_loglevel = (int)level;
		else
			pr_warn("cmdline: bad loglevel=%s (want 0-8)\n", v);
	}
	if ((v = cmdline_get("console"))) {
		if (strncmp(v, "ttyS0", 5))
			pr_warn("cmdline: console=%s unknown, using ttyS0\n", v);
		kernel_params.console = v;
	}
	if ((v = cmdline_get("init")))
		kernel_params.init = v;
	if ((v = cmdline_get("test")))
		kernel_params.test = v;
}
