# rpfilter match
-4
*raw
:PREROUTING
-m rpfilter;=
-m rpfilter --loose;=
-m rpfilter --validmark;=
-m rpfilter --accept-local;=
-m rpfilter --invert;=
-m rpfilter --loose --validmark --accept-local --invert;=
-m rpfilter ! --loose;FAIL;rpfilter: option "--loose" cannot be inverted.
*mangle
:PREROUTING
-m rpfilter;=
:INPUT
-m rpfilter;FAIL;@commit
*filter
:INPUT
-m rpfilter;FAIL;@commit
-6
*raw
:PREROUTING
-m rpfilter --invert;=
# packets (kernel only: routes; extcheck models the test host)
-4
*raw
:PREROUTING
-m rpfilter;=
>proto=udp;match;kernel
>proto=udp src=10.99.0.1;nomatch;kernel
-m rpfilter --invert;=
>proto=udp;nomatch;kernel
>proto=udp src=10.99.0.1;match;kernel
